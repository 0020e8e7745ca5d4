import { formatPercent, groupByPillar } from './status';

describe('groupByPillar', () => {
  it('groups in pillar order with failures first and drops empty pillars', () => {
    const groups = groupByPillar([
      { pillar: 'security' as const, status: 'PASS' as const, title: 'B' },
      { pillar: 'security' as const, status: 'FAIL' as const, title: 'C' },
      { pillar: 'security' as const, status: 'ERROR' as const, title: 'A' },
      { pillar: 'observability' as const, status: 'WARN' as const, title: 'D' },
    ]);
    expect(groups.map(g => g.pillar)).toEqual(['security', 'observability']);
    expect(groups[0].checks.map(c => c.title)).toEqual(['C', 'A', 'B']);
  });
});

describe('formatPercent', () => {
  it('shows a dash when there is no score', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(33.333)).toBe('33.3%');
  });
});
