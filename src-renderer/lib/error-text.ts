/** An error from the API in words (the transports carry the main process's message as the text). One function for the whole product. */
export { errorText } from '../../src-main/core/text/error-text.js';
