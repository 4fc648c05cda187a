/** Content chunks in the canned chat stream (shared by the server and the chat benchmark). */
export const CHAT_CHUNKS = 2000;
