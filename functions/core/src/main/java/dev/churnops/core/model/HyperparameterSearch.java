package dev.churnops.core.model;

import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A sequential model-based hyperparameter search on the training split, for every algorithm to
 * train that the search space declares.
 *
 * <ol>
 *   <li><b>Budget</b>: {@code search_candidates} is the number of candidates in total, shared out
 *       in turn over the searched algorithms in the order {@code algorithms} lists them (10 over
 *       three algorithms: 4, 3, 3).</li>
 *   <li><b>Candidates</b>, per algorithm: the first is the configured values (defaults or given),
 *       so a search can only match or beat them on its own measure; then a third of the budget
 *       (at least 3) drawn uniformly from the space; then {@link TreeParzenSampler TPE}
 *       proposals, each from every candidate of that algorithm scored before it. A candidate
 *       equal to an earlier one is not scored again; when the space has no new point left, the
 *       algorithm's search ends early.</li>
 *   <li><b>Score</b>: the mean ROC-AUC of stratified {@code search_folds}-fold cross-validation on
 *       the training split (the validation and test splits take no part). Gradient boosting keeps
 *       its early stopping on rows it holds out of each fold's training rows. Without a validation
 *       split, the candidates are scored by their {@link OutOfFold} predictions instead, on the
 *       folds that choose the model, so the winner's predictions are at hand when it is chosen.</li>
 *   <li><b>Winner</b> of each algorithm: the highest mean; a tie goes to the earlier candidate, so
 *       the configured values win a draw.</li>
 * </ol>
 *
 * The same training rows, hyperparameters and seed give the same candidates, scores and winners.
 * Wall-clock seconds are measured per candidate, for the leaderboard, and kept out of anything
 * that must be reproducible.
 */
public final class HyperparameterSearch {

    /** Uniform draws per algorithm before TPE takes over: a third of its budget, at least this many. */
    static final int MIN_STARTUP = 3;

    /** Tries to draw a point not seen before, before an algorithm's search ends. */
    private static final int FRESH_DRAWS = 32;

    /**
     * One scored candidate.
     *
     * @param id 1-based, in the order candidates were scored
     * @param algorithm the algorithm
     * @param origin {@code configured}, {@code random} or {@code tpe}
     * @param values the searched hyperparameters' values, by key; every other key keeps its configured value
     * @param score the cross-validated ROC-AUC
     * @param seconds wall-clock time to score it (measured; not reproducible)
     */
    public record Candidate(int id, String algorithm, String origin, Map<String, String> values,
                            CrossValidation.Score score, double seconds) {

        public Candidate {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * Every candidate in the order scored, each algorithm's winner, the folds and the space.
     *
     * @param winners each searched algorithm's winning candidate, in {@code algorithms} order
     */
    public record Result(List<Candidate> candidates, Map<String, Candidate> winners, int folds, int rows,
                         SearchSpace space) {

        public Result {
            candidates = List.copyOf(candidates);
            winners = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(winners));
        }

        /** The winners' values, merged: what the search changes in the configuration. */
        public Map<String, String> chosenValues() {
            Map<String, String> values = new LinkedHashMap<>();
            winners.values().forEach(w -> values.putAll(w.values()));
            return values;
        }
    }

    private HyperparameterSearch() {
    }

    /**
     * Searches with the budget, folds and space {@code parameters} give.
     *
     * @throws IllegalArgumentException if the space declares none of the algorithms to train, or
     *     the folds are more than the training split's smaller class has rows
     */
    public static Result run(LabeledTable train, HyperParameters parameters) {
        searchedAlgorithms(parameters, parameters.searchSpace());
        CrossValidation cv;
        try {
            cv = CrossValidation.prepare(train, parameters.searchFolds(), parameters.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hyperparameter '" + HyperParameters.SEARCH_FOLDS + "' on the "
                    + train.size() + " training rows: " + e.getMessage(), e);
        }
        return run(cv, parameters);
    }

    /**
     * Searches with the budget and space {@code parameters} give, scoring every candidate with
     * {@code cv}: its folds, not {@code search_folds}, decide how.
     *
     * @throws IllegalArgumentException if the space declares none of the algorithms to train
     */
    public static Result run(FoldScorer cv, HyperParameters parameters) {
        SearchSpace space = parameters.searchSpace();
        List<String> searched = searchedAlgorithms(parameters, space);
        int budget = parameters.searchCandidates();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Candidate> winners = new LinkedHashMap<>();
        for (int a = 0; a < searched.size(); a++) {
            String algorithm = searched.get(a);
            int share = budget / searched.size() + (a < budget % searched.size() ? 1 : 0);
            if (share == 0) {
                continue;
            }
            List<Candidate> own = search(algorithm, share, space.dimensions(algorithm), parameters, cv, candidates.size());
            candidates.addAll(own);
            Candidate winner = own.get(0);
            for (Candidate c : own) {
                if (c.score().mean() > winner.score().mean()) {
                    winner = c;
                }
            }
            winners.put(algorithm, winner);
        }
        return new Result(candidates, winners, cv.folds(), cv.rows(), space);
    }

    /** The algorithms to train that the space declares, in {@code algorithms} order. */
    static List<String> searchedAlgorithms(HyperParameters parameters, SearchSpace space) {
        List<String> searched = parameters.algorithms().stream().filter(space.algorithms()::contains).toList();
        if (searched.isEmpty()) {
            throw new IllegalArgumentException("hyperparameter '" + HyperParameters.SEARCH_CANDIDATES + "' asks for a search,"
                    + " but the search space declares none of the algorithms to train (" + String.join(", ",
                    parameters.algorithms()) + "); it declares " + String.join(", ", space.algorithms())
                    + ": expected the space to declare at least one of them");
        }
        return searched;
    }

    private static List<Candidate> search(String algorithm, int budget, List<SearchSpace.Dimension> dimensions,
            HyperParameters parameters, FoldScorer cv, int idOffset) {
        TreeParzenSampler sampler = new TreeParzenSampler(dimensions);
        // One generator per algorithm, derived from the seed and the algorithm's fixed position, so
        // searching another algorithm as well does not change this one's candidates.
        SplittableRandom random = new SplittableRandom(parameters.seed() * 1_000_003L
                + HyperParameters.ALGORITHMS.indexOf(algorithm));
        int startup = Math.max(MIN_STARTUP, budget / 3);
        List<Candidate> own = new ArrayList<>();
        List<TreeParzenSampler.Scored> scored = new ArrayList<>();
        Set<Map<String, String>> seen = new HashSet<>();
        for (int t = 0; t < budget; t++) {
            String origin;
            Map<String, String> values;
            if (t == 0) {
                origin = "configured";
                values = new LinkedHashMap<>();
                for (SearchSpace.Dimension d : dimensions) {
                    values.put(d.key(), parameters.asMap().get(d.key()));
                }
            } else {
                origin = t < startup ? "random" : "tpe";
                values = t < startup ? null : sampler.propose(scored, seen, random);
                if (values == null) {
                    origin = "random";
                    for (int draw = 0; draw < FRESH_DRAWS && (values == null || seen.contains(values)); draw++) {
                        values = sampler.uniform(random);
                    }
                    if (seen.contains(values)) {
                        break;
                    }
                }
            }
            seen.add(values);
            long start = System.nanoTime();
            CrossValidation.Score score = cv.score(algorithm, parameters.with(values));
            double seconds = (System.nanoTime() - start) / 1e9;
            own.add(new Candidate(idOffset + own.size() + 1, algorithm, origin, values, score, seconds));
            scored.add(new TreeParzenSampler.Scored(values, score.mean()));
        }
        return own;
    }
}
