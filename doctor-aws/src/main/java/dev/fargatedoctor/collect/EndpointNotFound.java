package dev.fargatedoctor.collect;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An HTTP 404 without an AWS error code is not AWS saying "no such thing": the URL is wrong (a
 * mistyped --endpoint-url, a proxy, an emulator that does not serve this service or protocol). The
 * failure's message then names the service and the URL it asked.
 */
final class EndpointNotFound implements ExecutionInterceptor {
  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    if (!(context.exception() instanceof AwsServiceException e) || e.statusCode() != 404) {
      return context.exception();
    }
    AwsErrorDetails details = e.awsErrorDetails();
    if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
      return e;
    }
    String service =
        ApiCallRecorder.iamPrefix(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    // The endpoint as configured (--endpoint-url, path included), else the URL that was asked.
    java.net.URI configured = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
    String url =
        configured != null
            ? configured.toString()
            : context.httpRequest().map(r -> r.getUri().toString()).orElse("its endpoint");
    String message =
        "no " + service + " API at " + url + ": check --endpoint-url (or AWS_ENDPOINT_URL)";
    // The SDK wants the exception type it threw back: the same exception, with that message.
    return e.toBuilder()
        .message(message)
        .awsErrorDetails(
            (details == null ? AwsErrorDetails.builder() : details.toBuilder())
                .errorMessage(message)
                .build())
        .build();
  }
}
