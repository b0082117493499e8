// Health that tells the truth, on screen, against a real back end: people just added are "New"
// (score —), the score pills say what they are, and the dashboard counts dormant people once.
import { render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardPage } from '../../renderer/src/pages/DashboardPage';
import { HealthPanel } from '../../renderer/src/components/contact/HealthPanel';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

const DAY = 86_400_000;
const clock = fixedClock('2026-06-15T10:00:00Z');
let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend({ clock });
  installBridge(kith);
});
afterAll(async () => kith.dispose());

describe('health on screen', () => {
  it('shows people just added as New with score —, and labels the score pills', async () => {
    const fresh = await kith.call('contacts.create', { displayName: 'Fresh Import', circleId: 'circle-friends' });
    clock.set('2025-06-15T10:00:00Z');
    const old = await kith.call('contacts.create', { displayName: 'Old Friend', circleId: 'circle-friends' });
    clock.set('2026-06-15T10:00:00Z');
    await kith.call('interactions.log', { kind: 'call', participantIds: [old.id], occurredAt: clock.now().getTime() - 120 * DAY });

    const panel = render(<HealthPanel contactId={fresh.id} />);
    expect(await screen.findByText('New')).toBeVisible();
    expect(screen.getByTestId('health-score')).toHaveTextContent('—');
    expect(screen.getByRole('img', { name: 'New: no health score yet' })).toBeVisible();
    expect(screen.getByText(/^New: added today, nothing logged yet\. You aim for every month/)).toBeVisible();
    panel.unmount();

    render(<DashboardPage onAddContact={() => {}} />);
    const bands = await screen.findByRole('list', { name: 'Relationship health' });
    expect(within(bands).getByText('New').previousElementSibling).toHaveTextContent('1');
    expect(within(bands).getByText('At risk').previousElementSibling).toHaveTextContent('1');
    const attention = screen.getByRole('list', { name: 'Needs attention' });
    // the pill says it is a health score
    expect(within(attention).getByRole('img', { name: /^Health score \d+ of 100, at risk$/ })).toHaveTextContent(/Health\s*\d+/);
    expect(screen.getByText('1 cooling · 1 dormant')).toBeVisible();
    expect(await screen.findByText('alive today · 1 dormant')).toBeVisible();
    expect(screen.queryByText(/expected contacts/)).toBeNull();
  });
});
