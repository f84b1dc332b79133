export { classifyErrorCode, DIAGNOSES, type Diagnosis } from './classify-error-code.js';
export { listStores } from './list-stores.js';
export { type RepairResult, repairStore } from './repair-store.js';
export { type DoctorOptions, type Finding, runDoctor } from './run-doctor.js';
export { unavailableKeysByStore } from './unavailable-keys.js';
export { GaveUpWaiting, type PollOptions, waitForState } from './wait-for-state.js';
