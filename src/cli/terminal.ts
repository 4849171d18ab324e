// What a command prints to a terminal. Text read from an agenda is cleaned at input, but a
// database may hold rows stored before that, and names come from elsewhere too: a control
// character printed raw can clear the screen (ESC [2J), retitle the window or reorder what
// follows (U+202E). Each is shown instead as its code, \u{1b}, so that nothing printed acts.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print: tabs and newlines kept, every other control shown as \u{…}. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
