/** What a message's text says as a bot command, seen from one bot. */
export type ParsedCommand = {
  /** The text scenarios see: `@thisbot` removed from the command, everything else untouched. */
  eventText: string
  /** Command name without the slash, e.g. `start`; null when the text is not this bot's command. */
  command: string | null
  /** Text after the command, trimmed; '' when there is none. Null when `command` is null. */
  commandArgs: string | null
  /** Deep-link payload of `/start <payload>` (t.me/bot?start=<payload>); null otherwise. */
  startPayload: string | null
}

// Telegram's own rule: up to 32 command characters, optionally "@botusername", then whitespace or end.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(@[A-Za-z0-9_]+)?(?=\s|$)/

/**
 * Splits a command off `text`. `/cmd@ThisBot` becomes `/cmd`, so a trigger on `/cmd` matches in
 * groups; `/cmd@OtherBot` is left as typed and is not a command, because it was meant for
 * another bot in the same group.
 */
export function parseCommand(text: string, botUsername: string): ParsedCommand {
  const match = COMMAND.exec(text)
  const name = match?.[1]
  if (!match || name === undefined) {
    return { eventText: text, command: null, commandArgs: null, startPayload: null }
  }
  const mention = match[2]
  if (mention && mention.slice(1).toLowerCase() !== botUsername.replace(/^@/, '').toLowerCase()) {
    return { eventText: text, command: null, commandArgs: null, startPayload: null }
  }
  const rest = text.slice(match[0].length)
  const args = rest.trim()
  return {
    eventText: `/${name}${rest}`,
    command: name,
    commandArgs: args,
    startPayload: name === 'start' && args !== '' ? args : null,
  }
}
