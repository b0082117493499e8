// Which app-wide dialog is open: the quick-log, the command palette, the new-contact form.
import { create } from 'zustand';
import type { Interaction } from '../../../shared/domain/interaction';

interface UiState {
  quickLog: { people: { id: string; displayName: string }[]; editing?: Interaction } | null;
  paletteOpen: boolean;
  newContactOpen: boolean;
  /** the "?" list of keyboard shortcuts */
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
  openQuickLog(people?: { id: string; displayName: string }[], editing?: Interaction): void;
  closeQuickLog(): void;
  setPaletteOpen(open: boolean): void;
  setNewContactOpen(open: boolean): void;
}

export const useUi = create<UiState>((set) => ({
  quickLog: null,
  paletteOpen: false,
  newContactOpen: false,
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen, paletteOpen: false }),
  openQuickLog: (people = [], editing) => set({ quickLog: { people, editing }, paletteOpen: false }),
  closeQuickLog: () => set({ quickLog: null }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setNewContactOpen: (newContactOpen) => set({ newContactOpen, paletteOpen: false }),
}));
