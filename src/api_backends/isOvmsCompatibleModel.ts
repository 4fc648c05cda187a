/**
 * Model families OpenVINO Model Server serves as OpenVINO IR (converted from PyTorch, TensorFlow,
 * ONNX, PaddlePaddle) or as GenAI graphs, and the naming marks of OpenVINO exports
 * (`-ov`, `openvino`, `-int8`, `OpenVINO/` on Hugging Face).
 */
const FAMILIES = [
  'bert', 'roberta', 'distilbert', 'albert', 'electra', 'deberta', 'minilm', 'bge', 'e5', 'gte', 'mpnet', 'sentence-transformers',
  'resnet', 'mobilenet', 'efficientnet', 'inception', 'vgg', 'densenet', 'squeezenet', 'regnet', 'convnext', 'vit', 'deit', 'swin',
  'yolo', 'yolov', 'ssd', 'faster_rcnn', 'faster-rcnn', 'mask_rcnn', 'mask-rcnn', 'retinanet', 'detr', 'unet', 'deeplab', 'segformer',
  'face-detection', 'person-detection', 'vehicle-detection', 'text-detection', 'text-recognition', 'ocr', 'age-gender', 'emotions',
  'whisper', 'wav2vec', 'hubert', 'speecht5', 't5', 'bart', 'gpt2', 'gpt-j', 'gpt-neox', 'gptj', 'llama', 'mistral', 'mixtral', 'phi', 'qwen', 'gemma', 'falcon',
  'tinyllama', 'opt', 'bloom', 'chatglm', 'baichuan', 'clip', 'blip', 'llava', 'stable-diffusion', 'sdxl', 'flux', 'dummy', 'custom_model',
] as const;

const MARKS = /(^|[-_/.])(ov|ovms|openvino|ir|int8|int4|fp16)([-_/.]|$)|^openvino\//i;

/**
 * Whether OVMS is a sensible backend for a model name. Pure and offline: a name of a family OVMS
 * serves, or one carrying an OpenVINO export mark. It says nothing about whether a given server has
 * the model loaded (use `getModelReady` for that).
 *
 * @example
 * ```ts
 * isOvmsCompatibleModel('bert');                                  // true
 * isOvmsCompatibleModel('OpenVINO/Mistral-7B-Instruct-int4-ov');  // true
 * isOvmsCompatibleModel('text-davinci-003');                      // false
 * isOvmsCompatibleModel('gpt-4');                                 // false: a hosted model, not open weights
 * ```
 */
export function isOvmsCompatibleModel(model: string): boolean {
  if (typeof model !== 'string' || model.trim() === '') return false;
  const name = model.toLowerCase();
  if (MARKS.test(name)) return true;
  const tokens = name.split(/[/]/).pop() ?? name;
  return FAMILIES.some((f) => tokens === f || tokens.startsWith(`${f}-`) || tokens.startsWith(`${f}_`) || tokens.startsWith(f) && /^[\d.]/.test(tokens.slice(f.length)));
}
