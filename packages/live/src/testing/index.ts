// `@stockpulse/live/testing`: a minimal real Socket.IO server speaking the watch contract.
export * from './socket-server';
