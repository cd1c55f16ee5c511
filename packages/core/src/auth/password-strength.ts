import { DomainError } from '@stockpulse/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * zxcvbn's score from 0 to 4; 3 is "safely unguessable: moderate protection from an
 * offline slow-hash scenario" (about 10^8 guesses), the usual bar for a new password.
 */
const MIN_SCORE = 3;

/**
 * Only the start is scored: zxcvbn's time grows with the length, and a password this
 * long is not the weak kind anyway.
 */
const SCORED_LENGTH = 64;

/**
 * zxcvbn-ts with its language-independent dictionaries (the most common passwords, the
 * usual keyboard rows), built on first use: it reads ~1 MB of word lists.
 */
let estimator: ZxcvbnFactory | undefined;
const getEstimator = () => {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
};

/** Why zxcvbn found it guessable (its warning keys), in words a form can show. */
const REASONS: Record<string, string> = {
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is one of the most common passwords',
  similarToCommon: 'it is a common password with small changes',
  pwned: 'it has appeared in data breaches',
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a short keyboard pattern',
  simpleRepeat: 'it repeats a character (like “aaa”)',
  extendedRepeat: 'it repeats a short pattern (like “abcabc”)',
  sequences: 'it is a sequence (like “abc” or “6543”)',
  recentYears: 'it leans on a recent year',
  dates: 'it leans on a date',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names on their own are easy to guess',
  commonNames: 'it is built from common names',
  userInputs: 'it contains your email or name',
};
const FALLBACK_REASON = 'it follows a pattern that is quick to guess';
const ADVICE = 'Use a few words that do not belong together, or a longer phrase.';

/** The pieces of the account a password must not be built from (words of 3+ letters). */
function personalWords(person: { email: string; name: string }): string[] {
  const email = person.email.trim().toLowerCase();
  const [local = ''] = email.split('@');
  const words = [email, local, ...local.split(/[^\p{L}\p{N}]+/u), ...person.name.split(/\s+/)];
  return [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length >= 3))];
}

/**
 * Refuses a new password that is quick to guess: the account's own email or name in it,
 * or a zxcvbn score below 3 (common passwords, repeats, keyboard rows, sequences, dates).
 * BAD_REQUEST WEAK_PASSWORD with a message saying why; `details.field` names the input.
 */
export function assertStrongPassword(
  password: string,
  person: { email: string; name: string },
  field: string,
): void {
  const words = personalWords(person);
  const lower = password.toLowerCase();
  // The whole email, or a part of it or of the name that makes up half the password or
  // more; smaller borrowings are zxcvbn's to weigh (it is given the same words).
  const personal =
    lower.includes(person.email.trim().toLowerCase()) ||
    words.some((word) => lower.includes(word) && word.length * 2 >= lower.length);
  const result = personal ? null : getEstimator().check(password.slice(0, SCORED_LENGTH), words);
  if (result && result.score >= MIN_SCORE) return;
  const warning = personal ? 'userInputs' : (result?.feedback.warning ?? null);
  const reason = (warning && REASONS[warning]) || FALLBACK_REASON;
  throw new DomainError(
    'WEAK_PASSWORD',
    `This password is too easy to guess: ${reason}. ${ADVICE}`,
    {
      field,
      reason: warning ?? 'guessable',
    },
  );
}
