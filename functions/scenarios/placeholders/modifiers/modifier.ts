/** What a modifier may use besides its value and parameter. */
export type ModifierContext = {
  /** IANA zone that naive dates and unix timestamps are read in. */
  timeZone: string
  /** true/false for an async-action handle (done or not), undefined for anything else. */
  isReady: (value: unknown) => boolean | undefined
  warn: (message: string) => void
}

/** `param` is null when the modifier has none (`upper`), a string otherwise (`fallback:` gives ''). */
export type Modifier = (value: unknown, param: string | null, ctx: ModifierContext) => unknown
