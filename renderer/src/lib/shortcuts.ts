// Every keyboard shortcut the app has, for the "?" list (ShortcutsDialog). Kept beside the code
// that handles them: GlobalDialogs, ContactsPage, reminderKeys, RemindersPage, QuickLogDialog,
// ContactPicker, FactsCard, Modal. A new shortcut is added here too.
import { MOD_LABEL } from './keyboard';

export interface ShortcutGroup {
  title: string;
  items: { keys: string[]; does: string }[];
}

export function shortcutGroups(mod: string = MOD_LABEL): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      items: [
        { keys: [`${mod}+K`], does: 'Open the command palette' },
        { keys: [`${mod}+L`], does: 'Log an interaction (with the person on screen)' },
        { keys: ['L'], does: 'Log an interaction' },
        { keys: ['N'], does: 'New contact (on Reminders: new reminder)' },
        { keys: ['/'], does: 'Search' },
        { keys: ['?'], does: 'Show these shortcuts' },
        { keys: ['Esc'], does: 'Close a dialog or menu' },
      ],
    },
    {
      title: 'Contacts list',
      items: [
        { keys: ['↑', '↓'], does: 'Move through the list' },
        { keys: ['Page Up', 'Page Down'], does: 'Move a screen at a time' },
        { keys: ['Home', 'End'], does: 'First or last contact' },
        { keys: ['Shift+↑', 'Shift+↓'], does: 'Extend the selection' },
        { keys: [`${mod}+A`], does: 'Select all' },
        { keys: ['Enter'], does: 'Open the contact' },
        { keys: ['Esc'], does: 'Clear the selection' },
      ],
    },
    {
      title: 'Reminders',
      items: [
        { keys: ['↑', '↓'], does: 'Move (also K and J)' },
        { keys: ['D'], does: 'Mark done (also X)' },
        { keys: ['S'], does: 'Snooze' },
        { keys: ['E'], does: 'Edit (also Enter)' },
        { keys: ['N'], does: 'New reminder' },
      ],
    },
    {
      title: 'Logging and editing',
      items: [
        { keys: ['Enter'], does: 'Pick the highlighted person, or save' },
        { keys: [`${mod}+Enter`], does: 'Save from any field' },
        { keys: ['Backspace'], does: 'Remove the last person or tag (in an empty field)' },
        { keys: ['Alt+↑', 'Alt+↓'], does: 'Move a fact up or down' },
      ],
    },
  ];
}
