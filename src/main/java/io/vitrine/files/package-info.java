/**
 * Reading data files of the {@code import} and {@code train} jobs: CSV with a header row (Apache Commons CSV) or JSON
 * Lines, chosen by the file extension, streamed record by record with line numbers for error messages. The record
 * shapes are the same input records the HTTP API accepts, so files and API share one validation.
 */
package io.vitrine.files;
