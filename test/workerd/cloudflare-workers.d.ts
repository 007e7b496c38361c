// The slice of workerd's `cloudflare:workers` module these tests use (the full types clash with DOM's).
declare module 'cloudflare:workers' {
  export const env: Record<string, string | undefined>
  export const exports: {
    default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> }
  }
}
