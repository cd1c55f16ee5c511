export { type Actor, actorOf, type ProcessActor, type UserActorKind } from '@stockpulse/shared';
export * from './names';
