package io.flexledger.clearing.community;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random balance-keeping moves in a random tradable slot: a trade (one bid and one ask up, or both down,
 * by the same watts) or a shift (watts from one bid to another, or one ask to another), each sized to the
 * most the orders and the touched feeders' limits allow, or at random below that.
 */
public class MatchMoveFactory implements MoveIteratorFactory<CommunitySolution, MatchMove> {

    private static final int TRIES = 50;

    @Override
    public long getSize(ScoreDirector<CommunitySolution> scoreDirector) {
        return scoreDirector.getWorkingSolution().getOrders().size();
    }

    @Override
    public Iterator<MatchMove> createOriginalMoveIterator(ScoreDirector<CommunitySolution> scoreDirector) {
        throw new UnsupportedOperationException("match moves are only selected at random");
    }

    @Override
    public Iterator<MatchMove> createRandomMoveIterator(ScoreDirector<CommunitySolution> scoreDirector, Random random) {
        CommunitySolution solution = scoreDirector.getWorkingSolution();
        CommunityIndex p = solution.getIndex();
        List<OrderMatch> orders = solution.getOrders();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return p.tradableSlots.length > 0;
            }

            @Override
            public MatchMove next() {
                for (int i = 0; i < TRIES; i++) {
                    MatchMove m = plan(p, orders, random);
                    if (m != null) {
                        return m;
                    }
                }
                return MatchMove.idle(orders.get(p.buysInSlot[p.tradableSlots[0]][0]));
            }
        };
    }

    /** One random move, or null when the drawn orders cannot move in the drawn direction. */
    static MatchMove plan(CommunityIndex p, List<OrderMatch> orders, Random random) {
        int t = p.tradableSlots[random.nextInt(p.tradableSlots.length)];
        int[] buys = p.buysInSlot[t];
        int[] sells = p.sellsInSlot[t];
        OrderMatch a;
        OrderMatch b;
        int signA;
        int signB;
        int kind = random.nextInt(3);
        if (kind == 0) {
            a = orders.get(buys[random.nextInt(buys.length)]);
            b = orders.get(sells[random.nextInt(sells.length)]);
            signA = random.nextBoolean() ? 1 : -1;
            signB = signA;
        } else {
            int[] side = kind == 1 ? buys : sells;
            if (side.length < 2) {
                return null;
            }
            int i = random.nextInt(side.length);
            int j = random.nextInt(side.length - 1);
            a = orders.get(side[i]);
            b = orders.get(side[j >= i ? j + 1 : j]);
            signA = -1;
            signB = 1;
        }
        long most = most(p, orders, t, a, signA, b, signB);
        if (most <= 0) {
            return null;
        }
        int d = random.nextBoolean() ? (int) most : 1 + random.nextInt((int) most);
        return new MatchMove(List.of(a, b), new int[] {a.matched() + signA * d, b.matched() + signB * d});
    }

    // The most watts d by which a moves by signA*d and b by signB*d within their sizes and the feeder limits.
    static long most(
            CommunityIndex p, List<OrderMatch> orders, int t, OrderMatch a, int signA, OrderMatch b, int signB) {
        long most = Math.min(room(a, signA), room(b, signB));
        if (most <= 0) {
            return 0;
        }
        int fa = a.getFeeder();
        int fb = b.getFeeder();
        long ca = flowChange(a, signA) + (fb == fa ? flowChange(b, signB) : 0);
        most = Math.min(most, feederRoom(p, orders, fa, t, ca));
        if (fb != fa) {
            most = Math.min(most, feederRoom(p, orders, fb, t, flowChange(b, signB)));
        }
        return most;
    }

    private static long room(OrderMatch o, int sign) {
        return sign > 0 ? o.getMaxW() - o.matched() : o.matched();
    }

    // Net import change of a feeder per watt the order moves by: only flexible orders change the flow.
    private static long flowChange(OrderMatch o, int sign) {
        if (!o.isFlexible()) {
            return 0;
        }
        return o.isBuys() ? sign : -sign;
    }

    // The most watts a feeder's flow may move by, per unit change c, before it passes a limit.
    private static long feederRoom(CommunityIndex p, List<OrderMatch> orders, int f, int t, long c) {
        if (c == 0) {
            return Long.MAX_VALUE;
        }
        long flow = p.baselineW[f][t];
        for (int i : p.flexibleInSlot[t]) {
            OrderMatch o = orders.get(i);
            if (o.getFeeder() == f) {
                flow += o.signedW();
            }
        }
        long room = c > 0 ? p.importLimitW[f][t] - flow : flow + p.exportLimitW[f][t];
        return Math.max(0L, room) / Math.abs(c);
    }
}
