/*
 * Live timers: one interval for the whole page repaints every registered timer element once a second from the
 * timestamps it was given, so nothing is refetched to keep them moving. Past the response target
 * (GET /api/settings responseTargetSeconds) a timer gets the class "late".
 */
import { formatDuration, toMillis } from './format.js';

/**
 * @typedef {Object} TimerSpec
 * @property {'waiting'|'response'} kind waiting in the queue, or time to the first response
 * @property {number} [start] epoch ms the running timer counts from
 * @property {number} [fixed] a finished duration, in ms
 */

let targetMs = Infinity;
/** @type {Map<HTMLElement, TimerSpec>} */
const timers = new Map();
let interval = 0;

/** @param {number|null|undefined} seconds */
export function setResponseTarget(seconds) {
  targetMs = typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : Infinity;
  tick();
}

/**
 * The timer of a conversation summary: for a waiting one the time since its handoff; for the others the time to
 * the first response (still running while an agent holds it unanswered). Null when there is nothing to time
 * (never handed off).
 * @param {any} summary a Summary
 * @returns {TimerSpec|null}
 */
export function timerSpec(summary) {
  const handedOffAt = toMillis(summary.handedOffAt);
  if (summary.owner === 'waiting') {
    if (handedOffAt != null) return { kind: 'waiting', start: handedOffAt };
    if (typeof summary.waitingMillis === 'number') return { kind: 'waiting', start: Date.now() - summary.waitingMillis };
    return null;
  }
  if (typeof summary.firstResponseMillis === 'number') return { kind: 'response', fixed: summary.firstResponseMillis };
  const firstResponseAt = toMillis(summary.firstResponseAt);
  if (firstResponseAt != null && handedOffAt != null) return { kind: 'response', fixed: firstResponseAt - handedOffAt };
  if (summary.owner === 'agent' && handedOffAt != null) return { kind: 'response', start: handedOffAt };
  return null;
}

/**
 * A word for the timer, shown next to it.
 * @param {TimerSpec|null} spec
 * @returns {string}
 */
export function timerLabel(spec) {
  if (!spec) return '';
  if (spec.kind === 'waiting') return 'Waiting';
  return spec.fixed != null ? 'First reply' : 'No reply yet';
}

/**
 * Makes an element show a timer (and keeps it ticking while it is in the document); null clears it.
 * @param {HTMLElement} element
 * @param {TimerSpec|null} spec
 */
export function bindTimer(element, spec) {
  if (!spec) {
    timers.delete(element);
    element.textContent = '';
    element.classList.remove('late');
    return;
  }
  timers.set(element, spec);
  paint(element, spec, Date.now());
  if (!interval) interval = setInterval(tick, 1000);
}

function tick() {
  const now = Date.now();
  for (const [element, spec] of timers) {
    if (!element.isConnected) timers.delete(element); // a row that was removed
    else paint(element, spec, now);
  }
}

/** @param {HTMLElement} element @param {TimerSpec} spec @param {number} now */
function paint(element, spec, now) {
  const ms = spec.fixed != null ? spec.fixed : now - (spec.start || now);
  const text = formatDuration(ms);
  if (element.textContent !== text) element.textContent = text;
  element.classList.toggle('late', ms > targetMs);
}
