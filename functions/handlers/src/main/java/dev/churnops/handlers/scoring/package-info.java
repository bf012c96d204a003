/**
 * The scoring API: {@link dev.churnops.handlers.scoring.ScoringHandler} answers API Gateway REST
 * proxy events (and the local server's) on {@code POST /v1/scores},
 * {@code GET /v1/customers/{id}/score}, {@code GET /v1/model} and {@code GET /health}, configured by
 * {@link dev.churnops.handlers.scoring.ScoringSettings}. The rest of the package is the handler's
 * parts: routing, header and body reading with size limits, the request envelope's checks, API key
 * checks in constant time, the one error shape, response writing and the SnapStart hooks. The
 * contract is {@code api/openapi.json}; sample events are in {@code events/apigateway/}.
 */
package dev.churnops.handlers.scoring;
