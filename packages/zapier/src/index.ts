import { createApp } from './app.js';

/** The app Zapier runs (root index.js hands this to Zapier). */
const app = createApp();
export default app;

export { createApp } from './app.js';
export { authenticationFor, connectionLabel, testAuth } from './authentication.js';
export { type AppOptions, DEFAULT_BUDGET_MS } from './client.js';
export { fieldsMarkdown } from './docs.js';
export { DEFAULT_THROTTLE_SECONDS, toZapierError } from './errors.js';
export { ADAPTER_OWNED, fieldParams, inputFieldsFor, readPromptParams, toInputField } from './fields.js';
export { filesToDataUrls, sniffImageType } from './images.js';
export { addBearerToken, explainModelStreamErrors } from './middleware.js';
export { type AnswerOutput, answerOutputFields, flattenJson, sampleAnswer } from './output.js';
export { createZapierTransport, failureKind } from './transport.js';
