package dev.churnops.cdk.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sagemaker.CfnModelPackageGroup;
import software.constructs.Construct;

/**
 * The SageMaker model package group registrations are mirrored to (CHURNOPS_MODEL_PACKAGE_GROUP).
 * The registry itself (versions, approval states, aliases) lives under {@code models/} in the
 * lake, which {@link Step#lake()} grants; {@link #grant} adds the SageMaker side for writers.
 */
public final class ModelRegistry extends Construct {

    /**
     * @param groupName the model package group's name, 1-63 letters, digits and inner hyphens
     * @param removalPolicy what deleting the stack does to the group
     */
    public record Props(String groupName, RemovalPolicy removalPolicy) {
        public Props {
            if (groupName == null || !groupName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
                throw new IllegalArgumentException("ModelRegistry.Props.groupName is '" + groupName
                        + "' but must be 1-63 letters, digits and inner hyphens.");
            }
            Objects.requireNonNull(removalPolicy, "ModelRegistry.Props.removalPolicy");
        }

        /** Defaults: group churnops-churn, RETAIN. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String groupName = "churnops-churn";
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder groupName(String value) {
                groupName = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Props build() {
                return new Props(groupName, removalPolicy);
            }
        }
    }

    private final String groupName;
    private final CfnModelPackageGroup group;

    public ModelRegistry(Construct scope, String id, Props props) {
        super(scope, id);
        groupName = props.groupName();
        group = CfnModelPackageGroup.Builder.create(this, "ModelPackageGroup")
                .modelPackageGroupName(groupName)
                .modelPackageGroupDescription("ChurnOps churn models: each registered version, with its approval status")
                .build();
        group.applyRemovalPolicy(props.removalPolicy());
    }

    /** Lets a registry writer create and update model packages in the group; readers need nothing here. */
    public void grant(IGrantable grantee, Step.Registry access) {
        if (access != Step.Registry.WRITE) {
            return;
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("sagemaker:CreateModelPackage", "sagemaker:UpdateModelPackage",
                        "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages",
                        "sagemaker:DescribeModelPackageGroup"))
                .resources(List.of(group.getAttrModelPackageGroupArn(), packagesArn()))
                .build());
    }

    /** The ARN pattern of the group's versions: {@code …:model-package/<group>/*}. */
    private String packagesArn() {
        return Stack.of(this).formatArn(ArnComponents.builder().service("sagemaker").resource("model-package")
                .resourceName(groupName + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    public String groupName() {
        return groupName;
    }

    public CfnModelPackageGroup group() {
        return group;
    }
}
