/*
 * The knowledge base's calibration in the editor (admins): what the thresholds mean for this knowledge base, and
 * an override. API: GET and PUT /api/kb/calibration (docs/console-api.md).
 */
import { api } from './api.js';
import { byId } from './dom.js';

/** @param {any} calibration the body of GET /api/kb/calibration */
function show(calibration) {
  byId('kb-answer-threshold').value = calibration.answerThreshold.toFixed(2);
  byId('kb-offer-threshold').value = calibration.offerThreshold.toFixed(2);
  const how = calibration.overridden ? 'Set by hand. ' : 'Measured on your articles. ';
  byId('kb-calibration-summary').textContent = !calibration.summary
    ? 'Measuring on your articles… the default thresholds apply meanwhile.'
    : how + calibration.summary + (calibration.measuring ? ' Measuring again after your changes…' : '');
}

export async function loadCalibration() {
  show(await api.get('/api/kb/calibration'));
}

/** @param {(error: unknown) => void} showError */
export function setUpCalibration(showError) {
  byId('kb-calibration-box').addEventListener('toggle', () => {
    if (byId('kb-calibration-box').open) loadCalibration().catch(showError);
  });
  byId('kb-calibration-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      show(await api.put('/api/kb/calibration', {
        answerThreshold: Number(byId('kb-answer-threshold').value),
        offerThreshold: Number(byId('kb-offer-threshold').value),
      }));
    } catch (error) {
      showError(error);
    }
  });
  byId('kb-calibration-auto').addEventListener('click', async () => {
    try {
      byId('kb-calibration-summary').textContent = 'Measuring…';
      show(await api.put('/api/kb/calibration', { automatic: true }));
    } catch (error) {
      showError(error);
    }
  });
}
