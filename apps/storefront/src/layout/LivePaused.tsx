import { useLiveStatus } from '@stockpulse/live';
import { useEffect, useState } from 'react';
import './live-paused.css';

/** A blip shorter than this (a sign-in's reconnect, a Wi-Fi hand-over) shows nothing. */
export const LIVE_PAUSED_GRACE_MS = 1_500;

/**
 * True while the live connection has been down for longer than the grace period: the
 * stock counts on screen are then only as fresh as the last event, and the shopper should
 * know. A page still making its first connection is not "paused" until that fails.
 */
export function useLivePaused(graceMs = LIVE_PAUSED_GRACE_MS): boolean {
  const status = useLiveStatus();
  const [wasLive, setWasLive] = useState(false);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (status === 'live') setWasLive(true);
  }, [status]);
  const down = status === 'offline' || (status === 'connecting' && wasLive);
  useEffect(() => {
    if (!down) {
      setPaused(false);
      return;
    }
    const timer = setTimeout(() => setPaused(true), graceMs);
    return () => clearTimeout(timer);
  }, [down, graceMs]);
  return paused;
}

/**
 * Says that live stock is paused while the socket is down, and marks the page
 * (`data-live-paused` on <html>) so stock badges look stale; both clear on reconnect,
 * when the live client refetches what it serves.
 */
export function LivePausedBanner() {
  const paused = useLivePaused();
  useEffect(() => {
    const root = document.documentElement;
    if (paused) root.dataset.livePaused = '';
    else delete root.dataset.livePaused;
    return () => {
      delete root.dataset.livePaused;
    };
  }, [paused]);
  return (
    <div className="live-paused-slot" role="status">
      {paused && (
        <div className="container">
          <p className="live-paused" data-testid="live-paused">
            <strong>Live stock is paused.</strong> The counts shown may be out of date;
            reconnecting…
          </p>
        </div>
      )}
    </div>
  );
}
