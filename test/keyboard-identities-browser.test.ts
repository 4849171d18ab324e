// Keyboard-only walks (issue 9): written in the commits that follow this placeholder.
import { test } from 'node:test';

test('keyboard walks to come', { todo: 'being written' }, () => {});
