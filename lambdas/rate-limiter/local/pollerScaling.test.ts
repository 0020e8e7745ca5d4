import {
  retireWhenIdle,
  scaleUpAfterReceive,
  wantedPollers,
} from './pollerScaling';

const base = { active: 1, minimum: 1, maximum: 8, batchSize: 10 };

describe('wantedPollers', () => {
  it('asks for one poller per waiting batch', () => {
    expect(wantedPollers({ ...base, backlog: 35 })).toBe(4);
  });

  it('never goes above the maximum concurrency', () => {
    expect(wantedPollers({ ...base, backlog: 10_000 })).toBe(8);
  });

  it('keeps the minimum on an empty queue', () => {
    expect(wantedPollers({ ...base, minimum: 2, backlog: 0 })).toBe(2);
  });

  it('never removes running pollers: idle ones retire themselves', () => {
    expect(wantedPollers({ ...base, active: 5, backlog: 0 })).toBe(5);
  });
});

describe('scaleUpAfterReceive', () => {
  it('adds a poller after a full batch', () => {
    expect(scaleUpAfterReceive(10, base)).toBe(true);
  });

  it('does not after a partial batch', () => {
    expect(scaleUpAfterReceive(9, base)).toBe(false);
  });

  it('does not at the maximum', () => {
    expect(scaleUpAfterReceive(10, { ...base, active: 8 })).toBe(false);
  });
});

describe('retireWhenIdle', () => {
  const input = { active: 3, minimum: 1, idleReceives: 2 };

  it('retires a poller after enough empty receives in a row', () => {
    expect(retireWhenIdle(2, input)).toBe(true);
  });

  it('keeps it after a single empty receive', () => {
    expect(retireWhenIdle(1, input)).toBe(false);
  });

  it('keeps the minimum running', () => {
    expect(retireWhenIdle(5, { ...input, active: 1 })).toBe(false);
  });
});
