export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export type Logger = {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message }
  return value
}

/** One JSON line per event, so Workers logs and local output read the same. Never pass secrets in fields. */
export function createLogger(level: LogLevel, write: (line: string) => void = console.log): Logger {
  const emit =
    (at: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (ORDER[at] < ORDER[level]) return
      const entries = Object.entries(fields).map(([key, value]) => [key, serialise(value)])
      write(
        JSON.stringify({
          level: at,
          event,
          time: new Date().toISOString(),
          ...Object.fromEntries(entries),
        }),
      )
    }
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
