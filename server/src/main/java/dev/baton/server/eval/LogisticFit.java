package dev.baton.server.eval;

/**
 * A weighted, L2-regularised logistic regression over a handful of features, fitted by Newton's method (a few
 * exact steps, no learning rate to tune). Written out rather than taken from a library because it is six numbers:
 * the result must be a readable file of weights ({@code ranker.json}), not a serialised model.
 */
final class LogisticFit {
    static final int STEPS = 50;

    private LogisticFit() {}

    /** @return the weights, then the bias as the last element */
    static double[] fit(double[][] x, boolean[] y, double[] weight, double l2) {
        int d = x[0].length + 1;
        double[] w = new double[d];
        for (int step = 0; step < STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double[] xi = withBias(x[i]);
                double p = 1 / (1 + Math.exp(-dot(w, xi)));
                double g = weight[i] * (p - (y[i] ? 1 : 0));
                double h = weight[i] * p * (1 - p);
                for (int a = 0; a < d; a++) {
                    gradient[a] += g * xi[a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += h * xi[a] * xi[b];
                    }
                }
            }
            for (int a = 0; a < d - 1; a++) { // the bias is not shrunk
                gradient[a] += l2 * w[a];
                hessian[a][a] += l2;
            }
            double[] delta = solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a < d; a++) {
                w[a] -= delta[a];
                change = Math.max(change, Math.abs(delta[a]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return w;
    }

    private static double[] withBias(double[] x) {
        double[] xi = new double[x.length + 1];
        System.arraycopy(x, 0, xi, 0, x.length);
        xi[x.length] = 1;
        return xi;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; the system is tiny and positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[n + 1];
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int c = i + 1; c < n; c++) {
                s -= m[i][c] * x[c];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
