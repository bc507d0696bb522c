package dev.baton.kb;

import java.util.Optional;

/** Where a knowledge base's calibration is kept, so a restart reads it instead of measuring again. */
public interface CalibrationStore {
    Optional<KbCalibration> load();

    void save(KbCalibration calibration);
}
