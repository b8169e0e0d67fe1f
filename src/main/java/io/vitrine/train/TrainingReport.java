package io.vitrine.train;

import java.util.Map;

/**
 * What a training run measured on its validation window.
 *
 * @param builtTrainExamples examples built before the split
 * @param trainExamples of those, how many were trained on (a uniform sample when over the budget)
 * @param validationExamples examples after it
 * @param trainPositives engaged training examples
 * @param auc validation AUC
 * @param logLoss validation log-loss
 * @param model top-10 metrics of the model on the ranking cases (with recall candidates: the validation users'
 *            candidate lists, every held-out engagement relevant)
 * @param recallOrder the same for the candidates in merged recall order (recall candidates only, else null)
 * @param mostPopular the same for MostPop (engagements per item in the training window or the history)
 * @param featureImportance gain per feature, largest first
 * @param calibration predicted probability against the observed rate, on the validation examples
 * @param labels held-out engagements (recall candidates only, else 0)
 * @param recalledLabels of those, how many the recall plan produced as candidates
 * @param trainingSeconds wall time of the XGBoost training
 * @param recallSeconds wall time of building the recall tables
 */
public record TrainingReport(long builtTrainExamples, long trainExamples, long validationExamples, long trainPositives,
        double auc, double logLoss, RankingMetrics.TopK model, RankingMetrics.TopK recallOrder,
        RankingMetrics.TopK mostPopular, Map<String, Double> featureImportance, Calibration calibration, long labels,
        long recalledLabels, double trainingSeconds, double recallSeconds) {
}
