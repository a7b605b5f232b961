package dev.scatter.kinds.sweep;

import dev.scatter.task.InvalidParametersException;
import java.util.Arrays;
import java.util.Comparator;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * Fits LIBSVM's C-SVC as scikit-learn's SVC calls it (tol 1e-3, 200 MB kernel cache, shrinking on, no
 * probability estimates, unit class weights) and predicts with it. Classes are indices 0..n−1 in sorted label
 * order, and training rows are handed over grouped by class in that order, each class keeping the file order:
 * LIBSVM groups classes by first appearance while scikit-learn's copy groups them by sorted label, and the
 * solution (hence a few borderline predictions) depends on that order.
 */
final class SvcFit {

    static {
        // LIBSVM reports progress on stdout; a runner's stdout is for its own log lines.
        svm.svm_set_print_string_function(text -> { });
    }

    private final svm_model model;

    private SvcFit(svm_model model) {
        this.model = model;
    }

    static SvcFit train(double[][] x, int[] y, SvcParams params, double gamma) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> y[i]));  // stable: file order kept within a class
        svm_problem problem = new svm_problem();
        problem.l = n;
        problem.x = new svm_node[n][];
        problem.y = new double[n];
        for (int i = 0; i < n; i++) {
            problem.x[i] = nodes(x[order[i]]);
            problem.y[i] = y[order[i]];
        }
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = switch (params.kernel()) {
            case "linear" -> svm_parameter.LINEAR;
            case "poly" -> svm_parameter.POLY;
            case "sigmoid" -> svm_parameter.SIGMOID;
            default -> svm_parameter.RBF;
        };
        p.degree = params.degree();
        p.gamma = gamma;
        p.coef0 = params.coef0();
        p.C = params.c();
        p.eps = 1e-3;
        p.cache_size = 200;
        p.shrinking = 1;
        p.probability = 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        p.nu = 0.5;
        p.p = 0.1;
        String error = svm.svm_check_parameter(problem, p);
        if (error != null) {
            throw new InvalidParametersException("LIBSVM refused the parameters: " + error);
        }
        return new SvcFit(svm.svm_train(problem, p));
    }

    int predict(double[] row) {
        return (int) svm.svm_predict(model, nodes(row));
    }

    /** Every feature, zeros included: the same sums as scikit-learn's dense kernels. */
    private static svm_node[] nodes(double[] row) {
        svm_node[] nodes = new svm_node[row.length];
        for (int f = 0; f < row.length; f++) {
            svm_node node = new svm_node();
            node.index = f + 1;
            node.value = row[f];
            nodes[f] = node;
        }
        return nodes;
    }
}
