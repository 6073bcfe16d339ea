// Face of api/: the node builds the app with its components and listens on it.
export { buildApp, REQUEST_ID_HEADER } from './app.js';
export { PATH_PARAM_CHARS_MAX, type ApiLimits, type ApiOptions } from './options.js';
export type {
  ApiComponents, BlockSummary, EvidenceAnchor, MemberView, NodeStatusView, TxCommitInfo, TxStatus,
} from './components.js';
export { PROBLEM_TYPE_PREFIX, problemType } from './problem.js';
export { PROBLEM_MEDIA_TYPE, PROTOBUF_MEDIA_TYPE, type Problem } from './schemas.js';
