package org.parsimony.experiments.study;

import org.parsimony.variational.training.TrainerConfig;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting of the variational trainer changed away from its default, for studies that vary one factor at a time
 * (the robustness preset): the initial weight scale ({@code init=C}, a factor on the He standard deviation), Adam's
 * learning rate ({@code lr=R}), the minibatch size ({@code batch=B}) or the KL's weight ({@code kl=L}, a tempered
 * posterior, {@link TrainerConfig#klWeight()}), the decision horizon ({@code horizon=H}) or the KL-minimising unit
 * rescaling ({@code rescale=true|false}, {@link TrainerConfig#rescaleUnits()}). The defaults are the variant {@link #DEFAULTS}.
 * A variant's runs are told apart by their method name, {@code variational[init=2]}.
 *
 * @param label the variant as written ({@code ""} for the defaults)
 */
public record TrainerVariant(String label) implements Serializable {
    /** The trainer's defaults. */
    public static final TrainerVariant DEFAULTS = new TrainerVariant("");

    /** @throws IllegalArgumentException naming a variant that is not {@code init=C}, {@code lr=R}, {@code batch=B} or {@code kl=L} */
    public TrainerVariant {
        label = label.strip();
        if (!label.isEmpty()) {
            apply(label, TrainerConfig.builder()).build();
        }
    }

    /** The variants of a comma-separated list ({@code none} or empty: no variant). */
    public static List<TrainerVariant> parseList(List<String> texts) {
        List<TrainerVariant> variants = new ArrayList<>();
        for (String t : texts) {
            if (!t.isBlank() && !t.strip().equals("none")) {
                variants.add(new TrainerVariant(t));
            }
        }
        return variants;
    }

    /** Whether this is the trainer's defaults. */
    public boolean isDefault() {
        return label.isEmpty();
    }

    /** The method name of this variant's runs: {@code variational} or {@code variational[label]}. */
    public String methodName() {
        return StudyMethod.variational.name() + (isDefault() ? "" : "[" + label + "]");
    }

    /** {@code builder} with this variant's setting changed. */
    public TrainerConfig.Builder applyTo(TrainerConfig.Builder builder) {
        return isDefault() ? builder : apply(label, builder);
    }

    private static TrainerConfig.Builder apply(String label, TrainerConfig.Builder builder) {
        int eq = label.indexOf('=');
        if (eq < 0) {
            throw unknown(label);
        }
        String key = label.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = label.substring(eq + 1).strip();
        try {
            return switch (key) {
                case "init" -> builder.initialMeanScale(Double.parseDouble(value));
                case "lr" -> builder.learningRate(Double.parseDouble(value));
                case "batch" -> builder.batchSize(Integer.parseInt(value));
                case "kl" -> builder.klWeight(Double.parseDouble(value));
                case "horizon" -> builder.decisionHorizon(Double.parseDouble(value));
                case "rescale" -> builder.rescaleUnits(switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "on" -> true;
                    case "false", "off" -> false;
                    default -> throw new IllegalArgumentException("trainer variant '" + label + "': '" + value
                            + "' is not true or false");
                });
                default -> throw unknown(label);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trainer variant '" + label + "': '" + value + "' is not a number");
        }
    }

    private static IllegalArgumentException unknown(String label) {
        return new IllegalArgumentException("unknown trainer variant '" + label + "' (known: init=C, lr=R, batch=B, kl=L, horizon=H, rescale=true|false)");
    }
}
