// Seed document, "Interface Reference": each interface as the seed declares it (with a `Seed` prefix),
// checked to be assignable both ways with the type this package exports under the seed's name.
// This file only type-checks; it has nothing to run.
import type {
  OVMSModelConfig,
  OVMSModelInput,
  OVMSModelMetadata,
  OVMSModelOutput,
  OVMSModelStatistics,
  OVMSQuantizationConfig,
  OVMSRequestData,
  OVMSRequestOptions,
  OVMSResponse,
  OVMSServerStatistics,
  ApiRequestOptions,
} from 'ipfs_accelerate_js/api_backends';

// --- seed interfaces (renamed Seed*) ---
interface SeedOVMSRequestData {
  instances?: any[];         // Array of input instances for batch inference
  inputs?: any;              // Alternative format for inputs
  signature_name?: string;   // Optional signature name for models with multiple signatures
  [key: string]: any;        // Additional fields for model-specific requirements
}

interface SeedOVMSResponse {
  predictions?: any[];       // Array of prediction results
  outputs?: any;             // Alternative format for outputs
  model_name?: string;       // Name of the model that generated the response
  model_version?: string;    // Version of the model that generated the response
  [key: string]: any;        // Additional fields in the response
}

interface SeedOVMSModelMetadata {
  name: string;              // Model name
  versions: string[];        // Available model versions
  platform: string;          // Model platform (e.g., "openvino", "tensorflow")
  inputs: SeedOVMSModelInput[];  // Model input specifications
  outputs: SeedOVMSModelOutput[]; // Model output specifications
  [key: string]: any;        // Additional metadata fields
}

interface SeedOVMSModelInput {
  name: string;              // Input tensor name
  datatype: string;          // Data type (e.g., "FP32", "INT8")
  shape: number[];           // Input shape dimensions
  layout?: string;           // Optional tensor layout (e.g., "NHWC", "NCHW")
  [key: string]: any;        // Additional input specifications
}

interface SeedOVMSModelOutput {
  name: string;              // Output tensor name
  datatype: string;          // Data type (e.g., "FP32", "INT8")
  shape: number[];           // Output shape dimensions
  layout?: string;           // Optional tensor layout
  [key: string]: any;        // Additional output specifications
}

interface SeedOVMSRequestOptions extends ApiRequestOptions {
  version?: string;          // Model version to use
  shape?: number[];          // Optional shape override
  precision?: string;        // Precision to use (e.g., "FP32", "FP16", "INT8")
  config?: any;              // Additional configuration for the request
  [key: string]: any;        // Other request options
}

interface SeedOVMSModelConfig {
  batch_size?: number;       // Maximum batch size
  preferred_batch?: number;  // Preferred batch size for optimal performance
  instance_count?: number;   // Number of model instances to run in parallel
  execution_mode?: 'latency' | 'throughput'; // Optimization priority
  [key: string]: any;        // Additional configuration options
}

interface SeedOVMSServerStatistics {
  server_uptime?: number;    // Server uptime in seconds
  server_version?: string;   // OVMS server version
  active_models?: number;    // Number of active models
  total_requests?: number;   // Total processed requests
  requests_per_second?: number; // Request throughput
  avg_inference_time?: number; // Average inference time in milliseconds
  cpu_usage?: number;        // CPU usage percentage
  memory_usage?: number;     // Memory usage in MB
  [key: string]: any;        // Additional statistics
}

interface SeedOVMSModelStatistics {
  model: string;             // Model name
  statistics: {
    requests_processed?: number; // Number of processed requests
    tokens_generated?: number;   // For text models, number of tokens generated
    avg_inference_time?: number; // Average inference time in milliseconds
    throughput?: number;         // Inferences per second
    errors?: number;             // Number of errors
    [key: string]: any;          // Additional statistics
  };
  [key: string]: any;        // Additional model-specific statistics
}

interface SeedOVMSQuantizationConfig {
  enabled: boolean;          // Whether quantization is enabled
  method?: string;           // Quantization method (e.g., "int8", "int4")
  bits?: number;             // Bit width for quantization
  [key: string]: any;        // Additional quantization parameters
}
// --- end of seed interfaces ---

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<SeedOVMSRequestData, OVMSRequestData>,
  Same<SeedOVMSResponse, OVMSResponse>,
  Same<SeedOVMSModelMetadata, OVMSModelMetadata>,
  Same<SeedOVMSModelInput, OVMSModelInput>,
  Same<SeedOVMSModelOutput, OVMSModelOutput>,
  Same<SeedOVMSRequestOptions, OVMSRequestOptions>,
  Same<SeedOVMSModelConfig, OVMSModelConfig>,
  Same<SeedOVMSServerStatistics, OVMSServerStatistics>,
  Same<SeedOVMSModelStatistics, OVMSModelStatistics>,
  Same<SeedOVMSQuantizationConfig, OVMSQuantizationConfig>,
] = [true, true, true, true, true, true, true, true, true, true];

export { checks };
