"""Trains torchvision ResNet-18 briefly on an image folder, for ExportedNetworkLoopTest.

usage: train_small.py IMAGE_FOLDER CLASSES SIZE EPOCHS OUT.pth

torchvision's own pipeline (ImageFolder, convert RGB, Resize(int(SIZE*256/224)), CenterCrop(SIZE),
ToTensor, Normalize(ImageNet)), Adam lr 1e-3, batch 50, seed 0, eval-mode BatchNorm statistics
from training. Prints the training accuracy of the last epoch; saves the state_dict.
"""
import sys

import torch
import torchvision
from torchvision import transforms

root, classes, size, epochs, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
torch.manual_seed(0)
torch.set_num_threads(2)
tf = transforms.Compose([transforms.Resize(int(size * 256 / 224)), transforms.CenterCrop(size), transforms.ToTensor(),
                         transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
data = torchvision.datasets.ImageFolder(root, transform=tf)
loader = torch.utils.data.DataLoader(data, batch_size=50, shuffle=True, generator=torch.Generator().manual_seed(0))
model = torchvision.models.resnet18(num_classes=classes)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(epochs):
    model.train()
    correct = 0
    for x, y in loader:
        opt.zero_grad()
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        correct += int((logits.argmax(1) == y).sum())
    print("epoch %d: training accuracy %.3f" % (epoch, correct / len(data)))
model.eval()
with torch.no_grad():
    correct = sum(int((model(x).argmax(1) == y).sum()) for x, y in torch.utils.data.DataLoader(data, batch_size=100))
print("eval accuracy %.3f" % (correct / len(data)))
torch.save(model.state_dict(), out)
