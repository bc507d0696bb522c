package dev.baton.kb;

/** Small vector arithmetic on flat float arrays, written for the JIT: four accumulators keep the CPU's lanes busy. */
public final class Vectors {
    private Vectors() {}

    /** The dot product of {@code query} with the row of {@code rows} that starts at {@code offset}. */
    public static float dot(float[] query, float[] rows, int offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = query.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += query[i] * rows[offset + i];
            s1 += query[i + 1] * rows[offset + i + 1];
            s2 += query[i + 2] * rows[offset + i + 2];
            s3 += query[i + 3] * rows[offset + i + 3];
        }
        for (; i < n; i++) {
            s0 += query[i] * rows[offset + i];
        }
        return s0 + s1 + s2 + s3;
    }

    /** The mean of {@code count} rows, scaled back to unit length. */
    public static float[] centroid(float[] rows, int count, int dimension) {
        float[] sum = new float[dimension];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < dimension; j++) {
                sum[j] += rows[r * dimension + j];
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < dimension; j++) {
            sum[j] = (float) (sum[j] / norm);
        }
        return sum;
    }
}
