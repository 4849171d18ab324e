import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTimeAfterHeading, readTimeSlot } from './times.ts';

const slot = (line: string) => {
  const s = readTimeSlot(line);
  return s === null ? null : [s.start, s.end, s.rest, s.warning];
};

test('time ranges in the usual notations', () => {
  assert.deepEqual(slot('10:00 - 11:30    Opening Session'), ['10:00', '11:30', 'Opening Session', null]);
  assert.deepEqual(slot('10:00-10:15'), ['10:00', '10:15', '', null]);
  assert.deepEqual(slot('9.00-9.30  Welcome speeches'), ['09:00', '09:30', 'Welcome speeches', null]);
  assert.deepEqual(slot('10.00 – 13.00 Panel'), ['10:00', '13:00', 'Panel', null]);
  assert.deepEqual(slot('14:00 – 14:30 | Title'), ['14:00', '14:30', 'Title', null]);
  assert.deepEqual(slot('14h30 - 15h00 Debate'), ['14:30', '15:00', 'Debate', null]);
  assert.deepEqual(slot('9:00 to 10:00 Registration'), ['09:00', '10:00', 'Registration', null]);
});

test('a start with no end, with "h" or am/pm', () => {
  assert.deepEqual(slot('9.30 h Registration'), ['09:30', null, 'Registration', null]);
  assert.deepEqual(slot('9:00 am Opening'), ['09:00', null, 'Opening', null]);
  assert.deepEqual(slot('4:00pm Closing'), ['16:00', null, 'Closing', null]);
  assert.deepEqual(slot('12 noon Lunch'), ['12:00', null, 'Lunch', null]);
});

test('am/pm written once applies to both ends when it can', () => {
  assert.deepEqual(slot('1:00 - 2:30 pm Lunch'), ['13:00', '14:30', 'Lunch', null]);
  assert.deepEqual(slot('11:00 - 1:00 pm Panel'), ['11:00', '13:00', 'Panel', null]);
  assert.deepEqual(slot('9-10 am Coffee'), ['09:00', '10:00', 'Coffee', null]);
});

test('"16-45" is read as 16:45 with a warning', () => {
  const typo = 'time written with "-" between hours and minutes; read as a typo';
  assert.deepEqual(slot('15:30 - 16-45 Panel'), ['15:30', '16:45', 'Panel', typo]);
  assert.deepEqual(slot('16-45 Closing'), ['16:45', null, 'Closing', typo]);
});

test('numbers that are not times', () => {
  assert.equal(slot('2-3 December 2020'), null);
  assert.equal(slot('2030 Agenda for Sustainable Development'), null);
  assert.equal(slot('1.8 billion young people'), null);
  assert.equal(slot('18 April 2017'), null);
  assert.equal(slot('25:00 Late'), null);
  assert.equal(slot('Opening 10:00'), null);
});

test('"hrs" after both ends of a range', () => {
  const s = readTimeSlot('08.30 hrs – 09.00 hrs   Arrival');
  assert.deepEqual([s?.start, s?.end, s?.rest], ['08:30', '09:00', 'Arrival']);
});

test('a time written after its heading is read with the heading before it and the title after it', () => {
  const a = readTimeAfterHeading('Session 1 – 10h00-11h30: Labour mobility');
  assert.equal(a?.head, 'Session 1');
  assert.deepEqual([a?.slot.start, a?.slot.end, a?.slot.rest], ['10:00', '11:30', 'Labour mobility']);
  const b = readTimeAfterHeading('Coffee Break – 10h00-10h30');
  assert.deepEqual([b?.head, b?.slot.start, b?.slot.end, b?.slot.rest], ['Coffee Break', '10:00', '10:30', '']);
  const c = readTimeAfterHeading('Closing (16:00 – 16:30)');
  assert.deepEqual([c?.head, c?.slot.start, c?.slot.end], ['Closing', '16:00', '16:30']);
  // Dates, numbers and sentences are not times after a heading.
  assert.equal(readTimeAfterHeading('Meeting – 2-3 December 2019'), null);
  assert.equal(readTimeAfterHeading('Agenda 2030 – 17 goals'), null);
  assert.equal(readTimeAfterHeading('the meeting starts, 10:00 – 12:00'), null);
});

test('a start written in hours only with "h" before the range: "14h - 15h30", "9h-10h"', () => {
  const a = readTimeSlot('14h - 15h30 Séance 2 : Emploi');
  assert.deepEqual([a?.start, a?.end, a?.rest], ['14:00', '15:30', 'Séance 2 : Emploi']);
  const b = readTimeSlot('9h-10h Accueil');
  assert.deepEqual([b?.start, b?.end, b?.rest], ['09:00', '10:00', 'Accueil']);
  assert.equal(readTimeSlot('2-3 December 2019'), null);
});
