// The `vision` section of the gateway config: where each camera's frames come from (camera URLs and
// passwords are the gateway's business, so they live here rather than in the hub's layout), which
// detector each mounting uses, and the tracker's score thresholds.
import { z } from 'zod';
import { cameraSourceSchema } from './sources/camera-source-config.js';

export const OBLIQUE_DETECTORS = ['onnx', 'tfjs', 'coco-ssd'] as const;
export const OVERHEAD_DETECTORS = ['overhead', 'onnx', 'tfjs'] as const;

export const visionConfigSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Run the cameras of this gateway found in the layout.'),
  sources: z
    .record(z.string().min(1), cameraSourceSchema)
    .default({})
    .describe(
      'Per camera id: its frame source (folder, MJPEG URL, or anything ffmpeg reads); overrides the layout camera `source`.',
    ),
  references: z
    .record(z.string().min(1), z.array(z.string().min(1)).min(1))
    .default({})
    .describe(
      'Per overhead camera id: pictures of its empty scene (image files, or folders of its frames, each folder one picture: their per-pixel median) that its detector starts from, so people standing still at start are seen.',
    ),
  background: z
    .strictObject({
      keep: z
        .int()
        .min(0)
        .max(168)
        .default(12)
        .describe(
          'Pictures of its learned empty scene each overhead camera keeps under the data dir (one per UTC hour, the newest); at start they and `vision.references` are its reference. 0 keeps none.',
        ),
      saveMinutes: z
        .number()
        .min(1)
        .max(1440)
        .default(10)
        .describe('An overhead camera keeps its learned empty scene this often (frame time), and on stop.'),
      minFrames: z
        .int()
        .min(1)
        .max(100_000)
        .default(500)
        .describe(
          'Frames the detector must have learned since start before its empty scene is kept (people in the first frame gone, light settled).',
        ),
    })
    .prefault({})
    .describe(
      'How overhead cameras keep the empty scene they learned across restarts, in `<dataDir>/<storeId>.<gatewayId>.vision/<cameraId>/`.',
    ),
  detector: z
    .strictObject({
      oblique: z.enum(OBLIQUE_DETECTORS).default('onnx').describe('Detector for oblique (wall) cameras.'),
      overhead: z
        .enum(OVERHEAD_DETECTORS)
        .default('overhead')
        .describe('Detector for overhead (ceiling) cameras; COCO detectors miss most people from above.'),
      scoreThreshold: z
        .number()
        .min(0.01)
        .max(0.95)
        .default(0.2)
        .describe('Least detection score passed on; the tracker uses low scores to keep occluded people.'),
      threads: z.int().min(1).max(16).default(1).describe('onnxruntime intra-op threads per camera.'),
      inputSize: z.int().min(128).max(1024).multipleOf(32).default(416).describe('NanoDet input size.'),
      modelDir: z
        .string()
        .min(1)
        .optional()
        .describe('Prepared models (default: the repo `models/generated`).'),
      cocoSsdDir: z.string().min(1).optional().describe('Local coco-ssd weights (model.json + shards).'),
    })
    .prefault({}),
  tracker: z
    .strictObject({
      highScore: z
        .number()
        .min(0)
        .max(1)
        .default(0.45)
        .describe(
          'Detections at or above this are "high" (network detectors; the overhead detector\'s tracks use 0.4, new tracks 0.5).',
        ),
      minHits: z.int().min(1).max(30).default(3).describe('Frames before a new track is reported.'),
      maxLostMs: z.int().min(100).max(10_000).default(1500).describe('A lost track ends after this long.'),
    })
    .prefault({}),
});

export type VisionConfig = z.output<typeof visionConfigSchema>;
