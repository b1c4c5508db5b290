package org.parsimony.experiments.study;

import java.nio.file.Path;

/**
 * A study directory already holds runs of another budget: their numbers would not be comparable with the new ones,
 * so nothing is run.
 */
public final class OtherBudgetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param studyFile the directory's {@code study.json}
     * @param recorded  the budget of the runs there
     * @param asked     the budget of the study refused
     */
    public OtherBudgetException(Path studyFile, StudyBudget recorded, StudyBudget asked) {
        super(studyFile + ": the runs in " + studyFile.getParent() + " have another budget (" + recorded + " vs " + asked
                + "); use another directory");
    }
}
