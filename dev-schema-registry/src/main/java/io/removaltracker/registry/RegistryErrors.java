package io.removaltracker.registry;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.serde.registry.SchemaRegistryException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Every error in Confluent's shape, {@code {"error_code": n, "message": "..."}}, unknown
 * routes included, so clients written for Confluent read them as usual.
 */
@RestControllerAdvice
class RegistryErrors {

	private static final Logger log = LoggerFactory.getLogger(RegistryErrors.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final MediaType CONTENT_TYPE = MediaType.parseMediaType(RegistryController.CONTENT_TYPE);

	@ExceptionHandler(SchemaRegistryException.class)
	ResponseEntity<Map<String, Object>> registryError(SchemaRegistryException ex) {
		if (ex.httpStatus() >= 500) {
			log.error("Schema store failure: {}", ex.getMessage());
		}
		return answer(ex.httpStatus(), ex.errorCode(), ex.getMessage());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Map<String, Object>> unknownRoute(NoResourceFoundException ex) {
		return answer(404, 404, "HTTP 404 Not Found");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException ex) {
		return answer(405, 405, "HTTP 405 Method Not Allowed");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return answer(406, 406, "HTTP 406 Not Acceptable: answers are " + RegistryController.CONTENT_TYPE);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class })
	ResponseEntity<Map<String, Object>> badRequest(Exception ex) {
		return answer(400, 400, "Bad request: " + ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return answer(500, SchemaRegistryException.STORE_ERROR, "Internal error: " + ex.getClass().getSimpleName());
	}

	private static ResponseEntity<Map<String, Object>> answer(int status, int code, String message) {
		return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(CONTENT_TYPE).body(body(code, message));
	}

	/**
	 * The same answer written by a servlet filter, which runs before Spring MVC and its
	 * advice.
	 */
	static void write(HttpServletResponse response, int status, int code, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(RegistryController.CONTENT_TYPE);
		byte[] json = JSON.writeValueAsBytes(body(code, message));
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
		response.flushBuffer();
	}

	private static Map<String, Object> body(int code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error_code", code);
		body.put("message", message);
		return body;
	}

}
