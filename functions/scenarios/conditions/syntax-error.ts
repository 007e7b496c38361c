/** A condition that cannot be parsed. `position` is the 0-based character offset in `source`. */
export class ConditionSyntaxError extends Error {
  readonly position: number
  readonly detail: string
  readonly source: string

  constructor(detail: string, position: number, source: string) {
    super(`${detail} (position ${position})`)
    this.name = 'ConditionSyntaxError'
    this.detail = detail
    this.position = position
    this.source = source
  }
}
