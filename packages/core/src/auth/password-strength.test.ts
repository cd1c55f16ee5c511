import { DomainError } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { assertStrongPassword } from './password-strength';

const ann = { email: 'ann.smith@example.com', name: 'Ann Smith' };
const refusal = (password: string, person = ann) => {
  try {
    assertStrongPassword(password, person, 'password');
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  return null;
};

describe('assertStrongPassword', () => {
  it.each([
    ['password12', /common/],
    ['aaaaaaaaaa', /repeats a character/],
    ['qwertyuiop', /keyboard|common|most used/],
    ['1234567890', /sequence|common|most used/],
    ['ann.smith@example.com', /your email or name/],
    ['ann.smith2024', /your email or name/],
    ['AnnSmith!!', /your email or name|guess/],
  ])('refuses %s, saying why', (password, why) => {
    const error = refusal(password);
    expect(error?.code).toBe('WEAK_PASSWORD');
    expect(error?.message).toMatch(/^This password is too easy to guess: /);
    expect(error?.message).toMatch(why);
    expect(error?.details).toMatchObject({ field: 'password', reason: expect.any(String) });
  });

  it.each([
    'correct horse battery',
    'a-long-password-1',
    'a long e2e password',
    'bench-password-1',
    'another fresh passphrase',
  ])('accepts %s', (password) => {
    expect(refusal(password)).toBeNull();
  });

  it('names the input it was given', () => {
    assertStrongPassword('violet tractor umbrella', ann, 'next');
    expect(() => assertStrongPassword('password12', ann, 'next')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'next' }) }),
    );
  });
});
