// The Notes card edits in place on a real back end: Enter opens the editor, Escape leaves it
// unchanged, Save writes; ticking a task box writes the ticked text; a note changed elsewhere
// meanwhile is not overwritten (the version check) and the user's draft stays. GFM renders sanitised.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/components/Markdown';
import { ContactPage } from '../../renderer/src/pages/ContactPage';
import { toggleTaskAt } from '../../renderer/src/components/markdownTasks';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

describe('GitHub-flavoured notes', () => {
  it('render tables, task lists, strikethrough and bare links, still without raw HTML', () => {
    const text = ['| a | b |', '|---|---|', '| 1 | 2 |', '', '- [x] done', '- [ ] open', '', '~~old~~ see https://example.org/x', '', '<b onclick="x()">raw</b>'].join('\n');
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelectorAll('table td').length).toBe(2);
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    expect(boxes.every((b) => b.disabled)).toBe(true);
    expect(container.querySelector('del')?.textContent).toBe('old');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.org/x');
    expect(container.querySelector('b')).toBeNull();
  });

  it('flip exactly the box at a list item', () => {
    const text = 'Intro\n\n- [ ] one\n- [x] two\n';
    expect(toggleTaskAt(text, text.indexOf('- [ ]'))).toEqual({ checked: false, next: 'Intro\n\n- [x] one\n- [x] two\n' });
    expect(toggleTaskAt(text, text.indexOf('- [x]'))).toEqual({ checked: true, next: 'Intro\n\n- [ ] one\n- [ ] two\n' });
    expect(toggleTaskAt(text, 0)).toBeNull();
  });
});

describe('Notes card on the contact page', { timeout: 30_000 }, () => {
  let kith: TestBackend;
  beforeAll(async () => {
    kith = await startTestBackend();
    installBridge(kith);
  });
  afterAll(async () => kith.dispose());
  const notesOf = (id: string) => kith.sqlite.prepare('SELECT notes FROM contacts WHERE id = ?').pluck().get(id) as string;

  it('edits with the keyboard: Enter, type, Escape keeps the old text, Ctrl+Enter saves', async () => {
    const user = userEvent.setup();
    const c = await kith.call('contacts.create', { displayName: 'Nora Ek', notes: 'Likes **tea**' });
    render(<ContactPage id={c.id} />);
    const view = await screen.findByRole('group', { name: /Notes: press Enter to edit/ });
    view.focus();
    await user.keyboard('{Enter}');
    const area = screen.getByRole('textbox', { name: 'Notes' });
    expect(area).toHaveFocus();
    await user.type(area, ' and cake');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();
    expect(notesOf(c.id)).toBe('Likes **tea**');
    await user.click(screen.getByRole('button', { name: 'Edit notes' }));
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), '\n\n- [[ ] call about the move');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(notesOf(c.id)).toBe('Likes **tea**\n\n- [ ] call about the move'));
    // tick the box in place
    await user.click(await screen.findByRole('checkbox', { name: 'call about the move' }));
    await waitFor(() => expect(notesOf(c.id)).toBe('Likes **tea**\n\n- [x] call about the move'));
    expect(await screen.findByRole('checkbox', { name: 'call about the move' })).toBeChecked();
  });

  it('does not overwrite notes changed elsewhere meanwhile, and keeps the draft', async () => {
    const user = userEvent.setup();
    const c = await kith.call('contacts.create', { displayName: 'Omar Li', notes: 'first' });
    render(<ContactPage id={c.id} />);
    await user.click(await screen.findByRole('button', { name: 'Edit notes' }));
    // another window saves first
    await kith.call('contacts.update', { id: c.id, notes: 'from the other window' });
    const area = screen.getByRole('textbox', { name: 'Notes' });
    await user.clear(area);
    await user.type(area, 'mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed elsewhere/);
    expect(notesOf(c.id)).toBe('from the other window');
    expect(screen.getByRole('textbox', { name: 'Notes' })).toHaveValue('mine');
    // saving again replaces them, knowingly
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(notesOf(c.id)).toBe('mine'));
  });
});
