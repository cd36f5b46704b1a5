// Deterministic stand-ins for the API server's name and UID generation
// (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go: 5 characters from a
// vowel-free alphabet after a prefix trimmed to 58 characters).
import { generatedNameBase } from '@jobkit/core';

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
const suffixLength = 5;
const space = alphabet.length ** suffixLength;

export interface NameGenerator {
  generateName(prefix: string): string;
  generateUid(name: string): string;
}

/**
 * Names that look generated but are a pure function of the call order: the n-th call gets a
 * suffix from a fixed permutation of the suffix space, so simulations are reproducible.
 */
export function deterministicNames(seed = 0): NameGenerator {
  let nameCount = 0;
  let uidCount = 0;
  return {
    generateName(prefix: string): string {
      nameCount += 1;
      const trimmed = generatedNameBase(prefix);
      // 7_368_787 is prime and does not divide 27^5, so n -> n*p mod 27^5 is a permutation.
      let value = ((nameCount + seed) * 7_368_787) % space;
      let suffix = '';
      for (let i = 0; i < suffixLength; i++) {
        suffix += alphabet[value % alphabet.length];
        value = Math.floor(value / alphabet.length);
      }
      return trimmed + suffix;
    },
    generateUid(): string {
      uidCount += 1;
      return `00000000-0000-4000-8000-${(uidCount + seed).toString(16).padStart(12, '0')}`;
    },
  };
}
