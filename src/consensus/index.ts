export type { EngineEvent, EngineEffect } from './engine.js';
export { soloInit, soloStep, type SoloParams, type SoloState } from './solo.js';
