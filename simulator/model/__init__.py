"""The model pipeline: MNIST data, training, .tflite reading, memory planning, C++ generation."""
