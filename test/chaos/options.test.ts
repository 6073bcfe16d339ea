import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INFLIGHT_MAX, DEFAULT_MINUTES, DEFAULT_RATE_PER_S, UsageError, parseChaosArgs, replayCommand,
} from '../../scripts/chaos/options.js';

const noDraw = (): number => {
  throw new Error('the seed was given: nothing may be drawn');
};

describe('parseChaosArgs', () => {
  it('takes defaults and draws a seed only when none is given', () => {
    const options = parseChaosArgs([], () => 1234);
    expect(options).toEqual({ minutes: DEFAULT_MINUTES, seed: 1234, seedDrawn: true, soak: false, ratePerS: DEFAULT_RATE_PER_S,
      inflightMax: DEFAULT_INFLIGHT_MAX, dir: '.chaos/seed-1234', netns: true, keep: false });
  });

  it('reads every option', () => {
    expect(parseChaosArgs(['--minutes', '1.5', '--seed', '9', '--rate', '35', '--inflight', '8', '--dir', 'x', '--no-netns', '--keep'], noDraw))
      .toEqual({ minutes: 1.5, seed: 9, seedDrawn: false, soak: false, ratePerS: 35, inflightMax: 8, dir: 'x', netns: false, keep: true });
  });

  it('leaves a soak rate to the capacity probe unless --rate is given', () => {
    const soak = parseChaosArgs(['--soak', '--minutes', '60', '--seed', '3'], noDraw);
    expect(soak !== 'help' && soak.ratePerS).toBeUndefined();
    const rated = parseChaosArgs(['--soak', '--seed', '3', '--rate', '50'], noDraw);
    expect(rated !== 'help' && rated.ratePerS).toBe(50);
  });

  it('answers --help', () => {
    expect(parseChaosArgs(['-h'], noDraw)).toBe('help');
  });

  it.each([
    [['--minutes', '0'], /--minutes must be/],
    [['--minutes', 'two'], /--minutes must be a number/],
    [['--seed=-4'], /--seed must be a whole number/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--rate', '0'], /--rate must be/],
    [['--inflight', '0'], /--inflight must be 1\.\./],
    [['--inflight', '5000'], /--inflight must be 1\.\./],
    [['--dir', ' '], /--dir must not be empty/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /Unexpected argument 'stray'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseChaosArgs(argv, () => 1)).toThrow(UsageError);
    expect(() => parseChaosArgs(argv, () => 1)).toThrow(message);
  });
});

describe('replayCommand', () => {
  it('names the seed, the length and every option that changes the run', () => {
    const options = parseChaosArgs(['--minutes', '3', '--seed', '1'], noDraw);
    if (options === 'help') throw new Error('unexpected help');
    expect(replayCommand(options)).toBe('npm run chaos -- --minutes 3 --seed 1');
    const other = parseChaosArgs(['--minutes', '2', '--soak', '--rate', '40', '--inflight', '9', '--no-netns'], () => 77);
    if (other === 'help') throw new Error('unexpected help');
    expect(replayCommand(other)).toBe('npm run chaos -- --minutes 2 --seed 77 --soak --rate 40 --inflight 9 --no-netns');
  });
});
