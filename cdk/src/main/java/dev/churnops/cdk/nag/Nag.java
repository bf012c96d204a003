package dev.churnops.cdk.nag;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;

/**
 * cdk-nag on the stage stacks: the AwsSolutions rules run as an aspect during synthesis and
 * report each finding as an error or warning annotation on the resource ({@code cdk synth} fails
 * on errors). The few accepted findings are suppressed in {@link Suppressions}, each naming the
 * rule and why.
 */
public final class Nag {

    private Nag() {
    }

    public static void check(Stack stack) {
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Suppressions.iamWildcards(stack);
    }
}
