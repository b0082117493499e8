// The portfolio's figures are written as every other count in the app (lib/format), thousands
// grouped: on 100,000 people it read "28997 of 43299 kept" and "9474.5 a week".
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PortfolioSection } from '../../renderer/src/components/dashboard/PortfolioSection';
import type { Portfolio } from '../../shared/domain/dashboard';

const portfolio: Portfolio = {
  circles: [{ circleId: 'circle-family', name: 'Family', color: '#e5484d', bands: { thriving: 1200, steady: 900, cooling: 800, 'at-risk': 1285, new: 0 }, untracked: 0 }],
  retention: { points: [{ date: '2026-06-15', alive: 30595, dormant: 66272 }], aliveYearAgo: 43299, kept: 28997, churned: 14302, dormantNow: 66272 },
  averageDurationDays: 800,
  weekly: [
    { weekEnding: '2026-06-07', count: 9474 },
    { weekEnding: '2026-06-14', count: 9475 },
  ],
  clients: { currencies: [] } as unknown as Portfolio['clients'],
};

describe('the portfolio on a big address book', () => {
  it('groups the thousands of every figure', () => {
    render(<PortfolioSection portfolio={portfolio} />);
    expect(screen.getByText('4,185')).toBeVisible();
    expect(screen.getByText('retention · 28,997 of 43,299 kept')).toBeVisible();
    expect(screen.getByText('churn · 14,302 of 43,299 went dormant this year')).toBeVisible();
    expect(screen.getByText('30,595')).toBeVisible();
    expect(screen.getByText('alive today · 66,272 dormant')).toBeVisible();
    expect(screen.getByText('9,474.5')).toBeVisible();
  });
});
