import { forgetInstance } from './instance-file';

/** A database or Redis server this project started for itself, on 127.0.0.1. */
export interface PrivateServer {
  url: string;
  port: number;
  pid: number;
  /** Taken over from a run that was killed before it could stop it, not started now. */
  reused: boolean;
  /** Stops the server (SIGTERM, SIGKILL after ~10 s); resolves once it has gone. */
  stop(): Promise<void>;
}

export function privateServer(options: {
  dataDir: string;
  name: string;
  url: string;
  port: number;
  pid: number;
  /** Another live run owns it: stop() leaves it running. */
  shared?: boolean;
  reused?: boolean;
  stop: () => Promise<void>;
}): PrivateServer {
  const { dataDir, name, url, port, pid, shared = false, reused = false } = options;
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    pid,
    reused,
    stop() {
      if (shared) return Promise.resolve();
      stopping ??= options.stop().then(() => forgetInstance(dataDir, name));
      return stopping;
    },
  };
}
