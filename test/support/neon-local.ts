import type { NeonConfig } from '@neondatabase/serverless'
import { WebSocket } from 'ws'

/** The subset of neon settings this touches; both the global `neonConfig` and a Pool's config fit. */
export type NeonLocalSettings = Pick<
  NeonConfig,
  'webSocketConstructor' | 'wsProxy' | 'useSecureWebSocket' | 'pipelineTLS' | 'pipelineConnect'
>

/**
 * Points the neon serverless driver at a plain Postgres through `startWsTcpBridge`.
 * The bridge speaks cleartext, so TLS and the password-pipelining shortcut (which
 * assumes Neon's proxy answers auth itself) must be off — see stack-probe §6a.
 */
export function configureNeonForLocal(neonConfig: NeonLocalSettings, bridgePort: number): void {
  // ws is the constructor stack-probe verified with this driver version on Node.
  neonConfig.webSocketConstructor = WebSocket
  neonConfig.wsProxy = (host, port) => {
    const target = host.includes(':') ? `[${host}]` : host
    return `127.0.0.1:${bridgePort}/v1?address=${target}:${port}`
  }
  neonConfig.useSecureWebSocket = false
  neonConfig.pipelineTLS = false
  neonConfig.pipelineConnect = false
}
