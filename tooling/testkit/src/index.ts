export {
  type ConnectProxy,
  type ConnectProxyOptions,
  type PlainRequestRecord,
  startConnectProxy,
  type TunnelRecord,
} from './connect-proxy.js';
export type { ConnectionRecord, RequestRecord } from './fault-proxy/records.js';
export type {
  ConnectionRule,
  ProxyAction,
  ProxyActionName,
  ProxyRule,
  RuleMatch,
} from './fault-proxy/rules.js';
export { type FaultProxy, type FaultProxyOptions, startFaultProxy } from './fault-proxy/start.js';
export { HttpFramer, type MessageHead, type Piece } from './http-framer.js';
