package io.flexledger.agents.cems.solver;

import java.util.Arrays;

/**
 * A minimisation (mixed-integer) linear program in a solver-neutral sparse form: columns with bounds,
 * objective coefficient and integrality; rows {@code lb <= sum coef * x <= ub}. Not thread-safe; build
 * one per problem.
 */
public final class LinearModel {

    private double[] colLb = new double[256];
    private double[] colUb = new double[256];
    private double[] colObj = new double[256];
    private boolean[] colInt = new boolean[256];
    private int cols;

    private double[] rowLb = new double[128];
    private double[] rowUb = new double[128];
    private int[] rowStart = new int[129];
    private int rows;

    private int[] index = new int[1024];
    private double[] coef = new double[1024];
    private int nonZeros;

    /** Adds a continuous or integer column and returns its index. */
    public int addColumn(double lb, double ub, double objective, boolean integer) {
        if (cols == colLb.length) {
            int n = cols * 2;
            colLb = Arrays.copyOf(colLb, n);
            colUb = Arrays.copyOf(colUb, n);
            colObj = Arrays.copyOf(colObj, n);
            colInt = Arrays.copyOf(colInt, n);
        }
        colLb[cols] = lb;
        colUb[cols] = ub;
        colObj[cols] = objective;
        colInt[cols] = integer;
        return cols++;
    }

    /** Starts a row {@code lb <= ... <= ub}; add its terms with {@link #term} before the next row. */
    public int addRow(double lb, double ub) {
        if (rows == rowLb.length) {
            int n = rows * 2;
            rowLb = Arrays.copyOf(rowLb, n);
            rowUb = Arrays.copyOf(rowUb, n);
            rowStart = Arrays.copyOf(rowStart, n + 1);
        }
        rowLb[rows] = lb;
        rowUb[rows] = ub;
        rowStart[rows] = nonZeros;
        rowStart[rows + 1] = nonZeros;
        return rows++;
    }

    /** Adds {@code coefficient * x[column]} to the last row. */
    public void term(int column, double coefficient) {
        if (nonZeros == index.length) {
            index = Arrays.copyOf(index, nonZeros * 2);
            coef = Arrays.copyOf(coef, nonZeros * 2);
        }
        index[nonZeros] = column;
        coef[nonZeros] = coefficient;
        nonZeros++;
        rowStart[rows] = nonZeros;
    }

    public int columns() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public double lower(int column) {
        return colLb[column];
    }

    public double upper(int column) {
        return colUb[column];
    }

    public double objective(int column) {
        return colObj[column];
    }

    public boolean integer(int column) {
        return colInt[column];
    }

    public double rowLower(int row) {
        return rowLb[row];
    }

    public double rowUpper(int row) {
        return rowUb[row];
    }

    /** First position of the row's terms in {@link #termColumn}/{@link #termCoefficient}. */
    public int rowBegin(int row) {
        return rowStart[row];
    }

    /** One past the last position of the row's terms. */
    public int rowEnd(int row) {
        return rowStart[row + 1];
    }

    public int termColumn(int position) {
        return index[position];
    }

    public double termCoefficient(int position) {
        return coef[position];
    }

    private final java.util.List<int[]> groups = new java.util.ArrayList<>();

    /**
     * Declares that exactly one of these 0/1 columns is 1 (a row saying so must be added too); lets a
     * branch and bound split the group instead of single columns.
     */
    public void addChoiceGroup(int[] columns, double weight) {
        groups.add(columns.clone());
        groupWeights.add(weight);
    }

    private final java.util.List<Double> groupWeights = new java.util.ArrayList<>();

    /** The weight of a choice group (its importance for branching, e.g. the energy it places). */
    public double choiceGroupWeight(int group) {
        return groupWeights.get(group);
    }

    /** The declared choice groups. */
    public java.util.List<int[]> choiceGroups() {
        return groups;
    }

    /** Changes a column's objective coefficient. */
    public void setObjective(int column, double objective) {
        colObj[column] = objective;
    }

    /** Changes a column's bounds (used to fix integer columns). */
    public void setBounds(int column, double lb, double ub) {
        colLb[column] = lb;
        colUb[column] = ub;
    }
}
