package dev.lambdalens.logging.internal;

import dev.lambdalens.core.internal.BeanProperties;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON properties of an {@code aws-lambda-java-events} class as Lambda's own serializer
 * ({@code aws-lambda-java-serialization}) writes them, found once per class:
 * <ul>
 *   <li>Jackson's standard bean naming, which that serializer switches on ({@code getURL} gives {@code URL},
 *       {@code geteTag} gives {@code eTag}); an {@code isX()} getter only for a boolean; a {@code getX()} wins
 *       over an {@code isX()} of the same name;</li>
 *   <li>the renames of its mixins, by getter ({@code Records}, {@code eventSourceARN}, {@code Sns},
 *       DynamoDB's {@code NewImage} and {@code S}/{@code N}/{@code M}, EventBridge's {@code detail-type}, ...);</li>
 *   <li>upper camel case for the classes of an SNS event (its naming strategy there);</li>
 *   <li>for S3, whose serializer writes a fixed list of keys by hand, exactly that list.</li>
 * </ul>
 */
final class LambdaEventNames {
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";
    private static final String S3 = EVENTS + "models.s3.S3EventNotification";
    private static final String RECORDS = "Records";

    /** Mixin renames: class name to getter name to JSON key. */
    private static final Map<String, Map<String, String>> RENAMES = new HashMap<>();
    /** Classes written with exactly these keys, in this order: JSON key, getter name, pairwise. */
    private static final Map<String, String[]> FIXED = new HashMap<>();

    static {
        String[] recordsOnly = {"CloudFrontEvent", "CodeCommitEvent", "DynamodbEvent", "KinesisEvent", "SNSEvent",
                "SQSEvent", "SESEvent"};
        for (String event : recordsOnly) {
            rename(event, "getRecords", RECORDS);
        }
        rename("CloudFormationCustomResourceEvent", "getRequestType", "RequestType", "getServiceToken", "ServiceToken",
                "getPhysicalResourceId", "PhysicalResourceId", "getResponseUrl", "ResponseURL", "getStackId", "StackId",
                "getRequestId", "RequestId", "getLogicalResourceId", "LogicalResourceId", "getResourceType",
                "ResourceType", "getResourceProperties", "ResourceProperties", "getOldResourceProperties",
                "OldResourceProperties");
        rename("CloudWatchLogsEvent", "getAwsLogs", "awslogs");
        rename("CodeCommitEvent$Record", "getCodeCommit", "codecommit", "getEventSourceArn", "eventSourceARN",
                "getUserIdentityArn", "userIdentityARN");
        rename("ConnectEvent", "getDetails", "Details", "getName", "Name");
        rename("ConnectEvent$Details", "getContactData", "ContactData", "getParameters", "Parameters");
        rename("ConnectEvent$ContactData", "getAttributes", "Attributes", "getChannel", "Channel", "getContactId",
                "ContactId", "getCustomerEndpoint", "CustomerEndpoint", "getInitialContactId", "InitialContactId",
                "getInitiationMethod", "InitiationMethod", "getInstanceArn", "InstanceARN", "getPreviousContactId",
                "PreviousContactId", "getQueue", "Queue", "getSystemEndpoint", "SystemEndpoint");
        rename("ConnectEvent$CustomerEndpoint", "getAddress", "Address", "getType", "Type");
        rename("ConnectEvent$SystemEndpoint", "getAddress", "Address", "getType", "Type");
        rename("ConnectEvent$Queue", "getName", "Name");
        rename("DynamodbEvent$DynamodbStreamRecord", "getEventName", "eventName", "getEventSourceArn",
                "eventSourceARN");
        rename("models.dynamodb.StreamRecord", "getApproximateCreationDateTime", "ApproximateCreationDateTime",
                "getKeys", "Keys", "getNewImage", "NewImage", "getOldImage", "OldImage", "getSequenceNumber",
                "SequenceNumber", "getSizeBytes", "SizeBytes", "getStreamViewType", "StreamViewType");
        rename("models.dynamodb.AttributeValue", "getS", "S", "getN", "N", "getB", "B", "isNULL", "NULL", "getBOOL",
                "BOOL", "getSS", "SS", "getNS", "NS", "getBS", "BS", "getM", "M", "getL", "L");
        rename("DynamodbTimeWindowEvent", "getEventSourceArn", "eventSourceARN");
        rename("KinesisTimeWindowEvent", "getEventSourceArn", "eventSourceARN");
        rename("ScheduledEvent", "getDetailType", "detail-type");
        rename("SecretsManagerRotationEvent", "getClientRequestToken", "ClientRequestToken", "getRotationToken",
                "RotationToken", "getSecretId", "SecretId", "getStep", "Step");
        rename("SNSEvent$SNSRecord", "getSNS", "Sns");
        rename("SQSEvent$SQSMessage", "getEventSourceArn", "eventSourceARN");

        // aws-lambda-java-serialization's S3EventSerializer, key by key.
        String[] records = {RECORDS, "getRecords"};
        FIXED.put(S3, records);
        FIXED.put(EVENTS + "S3Event", records);
        FIXED.put(S3 + "$S3EventNotificationRecord", new String[] {"awsRegion", "getAwsRegion", "eventName",
                "getEventName", "eventSource", "getEventSource", "eventTime", "getEventTime", "eventVersion",
                "getEventVersion", "requestParameters", "getRequestParameters", "responseElements",
                "getResponseElements", "s3", "getS3", "userIdentity", "getUserIdentity"});
        FIXED.put(S3 + "$S3Entity", new String[] {"configurationId", "getConfigurationId", "bucket", "getBucket",
                "object", "getObject", "s3SchemaVersion", "getS3SchemaVersion"});
        FIXED.put(S3 + "$S3BucketEntity", new String[] {"name", "getName", "ownerIdentity", "getOwnerIdentity",
                "arn", "getArn"});
        FIXED.put(S3 + "$S3ObjectEntity", new String[] {"key", "getKey", "size", "getSizeAsLong", "eTag", "geteTag",
                "versionId", "getVersionId", "urlDecodedKey", "getUrlDecodedKey", "sequencer", "getSequencer"});
        FIXED.put(S3 + "$UserIdentityEntity", new String[] {"principalId", "getPrincipalId"});
        FIXED.put(S3 + "$RequestParametersEntity", new String[] {"sourceIPAddress", "getSourceIPAddress"});
        FIXED.put(S3 + "$ResponseElementsEntity", new String[] {"x-amz-id-2", "getxAmzId2", "x-amz-request-id",
                "getxAmzRequestId"});
    }

    private static final ClassValue<Property[]> PROPERTIES = new ClassValue<>() {
        @Override
        protected Property[] computeValue(Class<?> type) {
            String[] fixed = FIXED.get(type.getName());
            return fixed != null ? fixed(type, fixed) : find(type);
        }
    };

    private LambdaEventNames() {
    }

    /** One JSON property of an event class: its key and its getter. */
    static final class Property {
        final String name;
        final Method getter;

        Property(String name, Method getter) {
            this.name = name;
            this.getter = getter;
        }
    }

    /** The properties of {@code type}, an {@code aws-lambda-java-events} class. */
    static Property[] of(Class<?> type) {
        return PROPERTIES.get(type);
    }

    /** The property of {@code type} whose JSON key is {@code name}, or {@code null}. */
    static Property named(Class<?> type, String name) {
        for (Property property : PROPERTIES.get(type)) {
            if (property.name.equals(name)) {
                return property;
            }
        }
        return null;
    }

    private static void rename(String simpleName, String... getterAndKey) {
        // No lambda (computeIfAbsent) and no "+": both spin up classes at cold start, when this runs.
        String className = EVENTS.concat(simpleName);
        Map<String, String> renames = RENAMES.get(className);
        if (renames == null) {
            renames = new HashMap<>();
            RENAMES.put(className, renames);
        }
        for (int i = 0; i < getterAndKey.length; i += 2) {
            renames.put(getterAndKey[i], getterAndKey[i + 1]);
        }
    }

    private static Property[] fixed(Class<?> type, String[] keysAndGetters) {
        List<Property> properties = new ArrayList<>();
        for (int i = 0; i < keysAndGetters.length; i += 2) {
            for (BeanProperties.Property candidate : BeanProperties.of(type)) {
                if (candidate.getter.getName().equals(keysAndGetters[i + 1])) {
                    properties.add(new Property(keysAndGetters[i], candidate.getter));
                    break;
                }
            }
        }
        return properties.toArray(new Property[0]);
    }

    private static Property[] find(Class<?> type) {
        boolean pascalCase = type.getName().startsWith(EVENTS + "SNSEvent");
        Map<String, Property> byName = new LinkedHashMap<>();
        for (BeanProperties.Property candidate : BeanProperties.of(type)) {
            Method getter = candidate.getter;
            boolean getPrefix = getter.getName().startsWith("get");
            String name = renamed(type, getter.getName());
            if (name == null) {
                name = standardName(getter);
                if (name == null) {
                    continue;
                }
                if (pascalCase) {
                    name = withFirst(name, Character.toUpperCase(name.charAt(0)));
                }
            }
            Property existing = byName.get(name);
            // Jackson: a getX() wins over an isX() of the same name.
            if (existing == null || (getPrefix && !existing.getter.getName().startsWith("get"))) {
                byName.put(name, new Property(name, getter));
            }
        }
        return byName.values().toArray(new Property[0]);
    }

    /** The mixin's key for {@code getter} on {@code type} or the nearest superclass that has one. */
    private static String renamed(Class<?> type, String getter) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Map<String, String> renames = RENAMES.get(c.getName());
            if (renames != null && renames.containsKey(getter)) {
                return renames.get(getter);
            }
        }
        return null;
    }

    /** Jackson's standard bean name of a getter, or {@code null} where Jackson sees no property. */
    private static String standardName(Method getter) {
        String method = getter.getName();
        String raw;
        if (method.startsWith("get")) {
            raw = method.substring(3);
        } else if (method.startsWith("is") && (getter.getReturnType() == boolean.class
                || getter.getReturnType() == Boolean.class)) {
            raw = method.substring(2);
        } else {
            return null;
        }
        if (raw.isEmpty()) {
            return null;
        }
        // USE_STD_BEAN_NAMING (java.beans' rule): "URL" stays, "Url" becomes "url", "eTag" stays.
        if (Character.isLowerCase(raw.charAt(0))
                || (raw.length() > 1 && Character.isUpperCase(raw.charAt(1)))) {
            return raw;
        }
        return withFirst(raw, Character.toLowerCase(raw.charAt(0)));
    }

    private static String withFirst(String name, char first) {
        char[] chars = name.toCharArray();
        chars[0] = first;
        return new String(chars);
    }
}
