package dev.churnops.cdk;

import dev.churnops.cdk.stacks.PipelineStack;
import dev.churnops.cdk.stacks.StageStacks;
import software.amazon.awscdk.App;

/**
 * The CDK app: {@code -c stage=dev|staging|prod} synthesises that stage's stacks;
 * {@code -c pipeline=true} synthesises the delivery pipeline (ChurnOps-Pipeline), which deploys
 * dev, then staging, then, after a manual approval, prod. Run by the CDK CLI from cdk/ (cdk.json).
 */
public final class ChurnOpsApp {

    private ChurnOpsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Adds the stacks the app's context asks for. */
    public static void build(App app) {
        AppInputs inputs = AppInputs.fromContext(app.getNode());
        if (inputs.pipeline() != null) {
            new PipelineStack(app, PipelineStack.NAME, inputs);
        } else {
            StageStacks.create(app, inputs);
        }
    }
}
